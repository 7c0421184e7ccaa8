/**
 * An address or hash in monospace, shortened to 0x1234…abcd, with the full value in the tooltip and a
 * copy button (the full value is what users paste into explorers and block lists).
 */
import { useState } from 'react';
import { explorerInfo, explorerUrl } from '../explorer';
import { shortHex } from '../format';
import { knownLabel } from '../money';
import { useStore } from '../store';

/**
 * The server's known label (router, WETH, a pool…) is shown before the address; without one, `tag`, what
 * the page knows it as (a token's symbol from the evidence).
 */
export function Hex({ value, label, chainId, tag }: { value: string; label?: string; chainId?: number; tag?: string | null }) {
  useStore(explorerInfo); // re-render when the server's explorers and labels arrive
  const link = explorerUrl(value, label, chainId);
  const known = value.length === 42 ? (knownLabel(value, chainId) ?? tag) : null;
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard?.writeText(value).then(() => {
      setCopied(true);
      window.setTimeout(() => setCopied(false), 1200);
    });
  };
  return (
    <span className="hex">
      {known ? (
        <span className="addr-label" data-testid="address-label" title={`known as ${known}`}>
          {known}
        </span>
      ) : null}
      <code title={value}>{shortHex(value)}</code>
      <button
        type="button"
        className="copy"
        onClick={(e) => {
          // Rows are clickable links; copying must not also open the row.
          e.stopPropagation();
          copy();
        }}
        onKeyDown={(e) => e.stopPropagation()}
        aria-label={`Copy ${label ?? 'value'} ${value}`}
        title="Copy"
      >
        {copied ? <CheckIcon /> : <CopyIcon />}
      </button>
      {link ? (
        <a className="explorer" href={link} target="_blank" rel="noopener noreferrer" onClick={(e) => e.stopPropagation()} aria-label={`Open ${label ?? 'value'} ${value} in the block explorer`} title="Open in the block explorer" data-testid="explorer-link">
          ↗
        </a>
      ) : null}
    </span>
  );
}

// Icons are inline SVG: no icon font to load, and they render the same on every system.
function CopyIcon() {
  return (
    <svg width="12" height="12" viewBox="0 0 16 16" aria-hidden="true">
      <rect x="5" y="5" width="9" height="9" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M3 11V3.5A1.5 1.5 0 0 1 4.5 2H11" fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}

function CheckIcon() {
  return (
    <svg width="12" height="12" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M3 8.5l3 3 7-7" fill="none" stroke="currentColor" strokeWidth="1.8" />
    </svg>
  );
}
