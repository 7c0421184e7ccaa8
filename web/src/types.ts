/**
 * The dashboard's own types and the few API constants it needs at run time. The API's JSON shapes are
 * not here: they are imported with `import type` from `@argus/api` (src/server/api-types.ts, through
 * the `paths` of web/tsconfig.json), the module the server's routes are typed against. A value import
 * from it would not resolve in the Vite build, so no server code reaches the bundle.
 */
import type { AuditCreated, AuditRecord, STAGES as API_STAGES } from '@argus/api';

/** The attack stages in kill-chain order: the server's list, checked entry by entry (and in order). */
export const STAGES: typeof API_STAGES = ['funding', 'preparation', 'exploitation', 'laundering'];

/** An audit report as a page shows it: a POST answer has no sources, GET /audits/{id} has them. */
export type AuditResult = AuditCreated & Partial<Pick<AuditRecord, 'createdAt' | 'files'>>;
