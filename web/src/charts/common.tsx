/**
 * Shared pieces of the four hand-written SVG charts. Why SVG by hand rather than a chart library: four
 * small charts do not justify tens of kilobytes of dependency, and SVG keeps them accessible (a <title>
 * on every mark, an aria-label on every chart) and crisp at any zoom.
 */
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/**
 * The width of a container, tracked with ResizeObserver, so charts draw at true pixel size (text is
 * never stretched). The initial guess avoids a zero-width first frame.
 */
export function useWidth<T extends HTMLElement>(initial = 600): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(initial);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth || initial);
    const observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w && w > 0) setWidth(Math.round(w));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [initial]);
  return [ref, width];
}

/**
 * Axis ticks at round values (steps of 1, 2 or 5 × 10^n) covering 0..max in about `count` steps, so
 * gridlines read as whole numbers.
 */
export function niceTicks(max: number, count = 4): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / count;
  const exp = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * exp).find((s) => s >= raw) ?? 10 * exp;
  const ticks: number[] = [];
  for (let t = 0; t < max + step; t += step) ticks.push(Math.max(t, 0));
  return ticks.length > 1 ? ticks : [0, step];
}

export function Legend({ items }: { items: Array<{ label: string; colour: string }> }) {
  return (
    <ul className="legend" aria-hidden="true">
      {items.map((i) => (
        <li key={i.label}>
          <span className="swatch" style={{ background: i.colour }} />
          {i.label}
        </li>
      ))}
    </ul>
  );
}
