export { simulate, selectScenarios, type SimulateMode, type SimulateOptions, type SimulationResult } from './run.js';
export { SCENARIOS, findScenario, lookalikeKey, type Scenario, type ScenarioEnv } from './attacks.js';
export { BackgroundTraffic, type BackgroundOptions } from './background.js';
export { SimContext, TruthBuilder, SCENARIO_SOURCES, type Action, type Sent } from './context.js';
export { Rng, seededKey } from './prng.js';
export { ATTACK_KINDS, STAGES, type AttackKind, type GroundTruth, type Stage, type TruthFile, type TruthTx } from './truth.js';
export { EXPLOIT_SCENARIOS, HELD_OUT_FAMILIES } from './exploits.js';
