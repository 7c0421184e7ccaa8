export { SanctionsHistory, toDay, describeBound, screenListing, type DateBound, type Day, type Listing, type ScreenResult, type ScreenStatus } from './sanctions/history.js';
export { historyFromSnapshots, parseListText, KNOWN_DELISTINGS, type KnownDelisting, type Snapshot, type SnapshotEntry } from './sanctions/snapshots.js';
export { bundledSanctionsHistory, bundledSnapshots, snapshotFromFile, MAX_LIST_FILE } from './sanctions/bundled.js';
export { TransferGraph, type Transfer } from './exposure/graph.js';
export { ExposureAnalyser, RISK_CATEGORIES, type Direction, type ExposureOptions, type ExposureReport, type RiskCategory, type RiskLabel, type SourceExposure } from './exposure/exposure.js';
export { transfersOfBlock, toGraphTransfers, readTransferFile, graphAmountToRaw, TRANSFER_ITEM, type TransferRecord, type Valuation } from './transfers.js';
export { syncLedger, ledgerTransfers, ledgerStreamId } from './ledger.js';
export { diffList, rescreenTransfers, type ListChange } from './list-update.js';
export { screeningCsv, exposureCsv, findingsCsv, htmlReport, type ReportContext } from './report.js';
