export { analyzeProposal, buildReport, type ProposalReport } from './report.js';
export { simulateProposal, proposalStateName, type ProposalActions, type SimulateOptions, type SimulationResult } from './simulate.js';
export { checkProposal, decodeCalls, verdictOf, type Verdict } from './checks.js';
export { deployDao, daoArtifacts, DEFAULT_DAO_SETTINGS, type DaoDeployment, type DaoSettings } from './devnet.js';
