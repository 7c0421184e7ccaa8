export { assessProtocol, SLOTS, type AssessOptions, type ProtocolReport, type ProxyKind, type Right, type Upgradeability } from './assess.js';
export { classify, describeController, effective, type Controller, type ControllerKind } from './controllers.js';
export { codeFacts, oracleUse, SELECTORS, type CodeFacts, type OracleUse } from './code.js';
export { decodePrivileged, PRIVILEGED_EVENTS, PRIVILEGED_TOPICS, type PrivilegedChange } from './changes.js';
export { scoreProtocol, type RiskLevel, type Score } from './score.js';
export { protocolCsv, protocolFinding, protocolHtml, protocolSettings } from './report.js';
export { roleOf, roleName } from './roles.js';
