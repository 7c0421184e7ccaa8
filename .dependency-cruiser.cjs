/**
 * The floors of the house (README, "How it works"): imports only go down, and never in a circle.
 *
 *   cli, server                                   top (web/ imports only the API's types)
 *   monitor                                       uses the capabilities below
 *   audit, token, fraud, guard, compliance, governance, fed, privacy, protocol, chain/{devnet,stream,scenarios}
 *   solidity, evm, chain/rpc, store               foundations
 *   core                                          ground
 *
 * chain/scenarios is the devnet's attack simulator, a test tool: only the CLI and the server (the demo)
 * may import it, so the product never sees its ground truth. Unit tests (*.test.ts) may reach test
 * fixtures and evaluation helpers; everything else obeys the floors.
 */
const notTest = '\\.test\\.ts$';
const floors = {
  core: '^src/core/',
  foundation: '^src/(solidity|evm|chain/rpc|store)/',
  capability: '^src/(audit|token|fraud|guard|compliance|fed|governance|privacy|protocol|chain/(devnet|stream|scenarios))/',
  monitor: '^src/monitor/',
  top: '^src/(cli|server)/',
};

const down = (name, from, to, comment) => ({ name, severity: 'error', comment, from: { path: from, pathNot: notTest }, to: { path: to } });

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'an import circle makes two modules one; break it with a parameter or a lower module', from: {}, to: { circular: true } },
    down('core-is-ground', floors.core, '^src/(?!core/)', 'core imports nothing of the house'),
    down('foundations-stay-down', floors.foundation, `${floors.capability}|${floors.monitor}|${floors.top}`, 'a foundation may import only core and the foundations below it'),
    down('solidity-alone', '^src/solidity/', '^src/(evm|chain|store)/', 'the Solidity model needs no chain, EVM or store'),
    down('store-alone', '^src/store/', '^src/(solidity|evm|chain)/', 'the store depends on core only'),
    down('rpc-alone', '^src/chain/rpc/', '^src/(solidity|evm|store)/', 'the RPC layer depends on core only'),
    down('capabilities-stay-down', floors.capability, `${floors.monitor}|${floors.top}`, 'audit, token, fraud and chain do not import the monitor, the server or the CLI'),
    down('audit-alone', '^src/audit/', '^src/(token|fraud|chain|store)/', 'the auditor stands on solidity and core'),
    down('fraud-alone', '^src/fraud/', '^src/(audit|token|chain|solidity|evm)/', 'fraud checks stand on core'),
    down('token-not-on-chain-tools', '^src/token/', '^src/(audit|fraud|chain/(devnet|stream|scenarios))/', 'token checks use the foundations (evm, chain/rpc, solidity), not the devnet or the auditor'),
    down('guard-on-foundations', '^src/guard/', '^src/(audit|chain/(devnet|stream|scenarios))/', 'the guard stands on the fork, the RPC layer, the store, token simulation and fraud intel; not on the devnet or the simulator'),
    down('nothing-on-guard', '^src/(?!guard/|cli/|server/)', '^src/guard/', 'only the CLI and the server start the guard'),
    down('compliance-on-data', '^src/compliance/', '^src/(audit|token|solidity|evm|chain/(devnet|scenarios))/', 'compliance stands on the store, the chain stream and the intel lists'),
    down('protocol-on-chain', '^src/protocol/', '^src/(token|fraud|guard|compliance|chain/(devnet|stream|scenarios))/', 'protocol risk reads the chain through the RPC layer, the EVM tools and the auditor; it needs no devnet or simulator'),
    down('fed-on-fraud-models', '^src/fed/', '^src/(audit|token|chain|solidity|evm|store)/', 'federated training stands on the fraud models and core'),
    down('privacy-on-chain-data', '^src/privacy/', '^src/(audit|token|fraud|guard|compliance|governance|fed|solidity|evm|chain/(devnet|scenarios))/', 'privacy stands on the block stream, the store and core'),
  down('monitor-below-top', floors.monitor, floors.top, 'the monitor does not import the server or the CLI'),
    down('server-below-cli', '^src/server/', '^src/cli/', 'the server does not import the CLI'),
    down('product-without-ground-truth', '^src/(?!cli/|server/|chain/scenarios/)', '^src/chain/scenarios/', "the simulator's ground truth is a test tool: the product never imports it"),
    down('src-not-on-eval', '^src/', '^(eval|bench|test)/', 'the product does not import evaluation, benchmark or test code'),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.d.ts'] },
  },
};
