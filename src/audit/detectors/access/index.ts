import type { Detector } from '../detector.js';
import arbitraryStorageWrite from './arbitrary-storage-write.js';
import defaultFunctionVisibility from './default-function-visibility.js';
import incorrectConstructorName from './incorrect-constructor-name.js';
import signatureReplay from './signature-replay.js';
import txOrigin from './tx-origin.js';
import uncheckedEcrecover from './unchecked-ecrecover.js';
import unprotectedEtherWithdrawal from './unprotected-ether-withdrawal.js';
import unprotectedOwnerChange from './unprotected-owner-change.js';
import unprotectedSelfdestruct from './unprotected-selfdestruct.js';
import controlledArrayLength from './controlled-array-length.js';
import protectedVars from './protected-vars.js';

/** Detectors of this group; index.ts joins the groups. */
export const ACCESS_DETECTORS: Detector[] = [
  txOrigin,
  unprotectedSelfdestruct,
  unprotectedEtherWithdrawal,
  unprotectedOwnerChange,
  incorrectConstructorName,
  defaultFunctionVisibility,
  arbitraryStorageWrite,
  signatureReplay,
  uncheckedEcrecover,
  controlledArrayLength,
  protectedVars,
];
