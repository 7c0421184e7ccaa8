/**
 * Peer figures this machine cannot measure, each with its source and date, in one place so every
 * harness prints the same words. Anything that can run here (Solhint) is measured in the same run instead.
 */

const NOTES = "the project's reference notes (../shared/notes/anchors.md: measured on a 2-core machine of this kind, not by this repository's code; undated, quoted here since 2026-11-25)";

/** Slither 0.11.5 on SmartBugs curated (a Python package: no Python packages can be installed here). */
export const SLITHER_CURATED = {
  tool: 'Slither 0.11.5',
  found: 129,
  entries: 207,
  onLabelledLineShare: 0.31,
  /** Mean seconds per curated file (the notes' "per contract": curated counts its 143 files as contracts). */
  secondsPerFile: 4.07,
  source: NOTES,
};

