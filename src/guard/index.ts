export { Guard, GUARDED_METHODS, type GuardOptions } from './guard.js';
export { startGuardServer, blockedError, type GuardServer, type GuardServerOptions } from './server.js';
export { guardPolicySchema, parseGuardPolicy, loadGuardPolicy, type GuardPolicy, type GuardPolicyInput } from './config.js';
export { GUARD_BLOCK_CODE, type Decision, type Reason, type Verdict, type AssetChange, type Permission, type OrderSummary } from './types.js';
export { readTypedData, parseTypedData, permissionsInCalldata, readMessage } from './decode.js';
