/** The incident's stages as a kill-chain strip: funding → preparation → exploitation → laundering. */
import type { Stage } from '@argus/api';
import { STAGES } from '../types';

const HINTS: Record<Stage, string> = {
  funding: 'The attacker gets funds, often through a mixer or a bridge',
  preparation: 'Contracts deployed, approvals gathered, pools seeded',
  exploitation: 'Funds taken: drain, rug pull, price manipulation',
  laundering: 'Proceeds moved away: mixers, bridges, fan-out',
};

export function KillChain({ reached }: { reached: readonly string[] }) {
  return (
    <ol className="killchain" aria-label="Attack stages">
      {STAGES.map((stage) => {
        const on = reached.includes(stage);
        return (
          <li key={stage} className={on ? 'stage reached' : 'stage'} data-testid={`stage-${stage}`} data-reached={on ? 'true' : 'false'} title={HINTS[stage]}>
            <span className="stage-name">{stage}</span>
            <span className="stage-state">{on ? 'seen' : 'not seen'}</span>
          </li>
        );
      })}
    </ol>
  );
}
