import type { StateVariable } from '../../../solidity/model/types.js';
import type { BytecodeContext, PathGuard } from '../bytecode-context.js';
import { defineTokenFlag } from '../rule.js';
import type { SelectorRole } from '../selectors.js';
import { allowsThrough, type SourceContext, type SourceGuard } from '../source-context.js';

const isList = (k: string) => k.endsWith('[]') && !k.endsWith('[][]');

/** The lists transfers check, and their polarity where the code or the names tell it (shared with whitelist). */
export interface BytecodeLists {
  /** A transfer guard on a per-address map the owner writes, whose polarity neither side determined. */
  listGuard: PathGuard | undefined;
  /** Stopped when the entry is set (`require(!frozen[from])`) / when it is unset. */
  refusing: PathGuard | undefined;
  requiring: PathGuard | undefined;
  /** Functions named like a list that matter: setters, or getters when the transfers check a list. */
  namedList(role: SelectorRole): ReturnType<BytecodeContext['named']>;
  black: boolean;
  white: boolean;
  polarKnown: boolean;
}

export function bytecodeLists(ctx: BytecodeContext): BytecodeLists {
  return ctx.memo('lists', () => {
    const { controlled, ownerWritten } = ctx;
    // Lists: a transfer guard on a per-address map the owner writes. Polarity comes from names.
    const listGuards = ctx.guards.filter(({ g }) => controlled([...g.cond.tested, ...(g.cond.from ? [g.cond.from] : [])]).some(isList));
    // Polarity from the guard itself when it tests the entry's truth: a call stopped when the entry is set
    // refuses listed addresses (`require(!frozen[from])`), one stopped when it is unset requires them.
    const polar = (stops: boolean) => listGuards.find(({ g }) => g.cond.lit && isList(g.cond.lit.key) && ownerWritten.has(g.cond.lit.key) && g.stopsWhenSet === stops);
    const refusing = polar(true);
    const requiring = polar(false);
    const listGuard = listGuards.find(({ g }) => g !== refusing?.g && g !== requiring?.g);
    // A list getter's name (`blacklist(address)`) says little when the transfers, fully explored, check no
    // list the owner writes: the list may gate something else (an airdrop claim). Setters' names count.
    const namedList = (role: SelectorRole) => ctx.named(role).filter((f) => f.stores.length > 0 || listGuards.length > 0 || !ctx.complete);
    const black = namedList('blacklist').length > 0 || refusing !== undefined;
    const white = namedList('whitelist').length > 0 || requiring !== undefined;
    return { listGuard, refusing, requiring, namedList, black, white, polarKnown: refusing !== undefined || requiring !== undefined };
  });
}

/** Transfer guards on a per-address boolean map the owner writes, and whether they refuse listed addresses (shared with whitelist). */
export function sourceListChecks(ctx: SourceContext): Array<SourceGuard & { v: StateVariable; refuses: boolean }> {
  return ctx.memo('lists', () =>
    ctx.guards.flatMap((g) =>
      g.vars
        .filter((v) => ctx.ownerWritten.has(v) && v.isMapping && /=>\s*bool/.test(v.typeText))
        .map((v) => {
          // `require(!list[a])` refuses listed addresses; `if (list[a]) revert()` too; `if (ok || list[a]) return
          // doIt();` (the `if` guards the way through) requires them.
          const revertsIf = g.o.node.type === 'if_statement' && !allowsThrough(g.o.node, g.src);
          return { ...g, v, refuses: ctx.listNegated(g.o.condition, v, g.o.origin) !== revertsIf };
        }),
    ),
  );
}

export default defineTokenFlag(
  {
    id: 'blacklist',
    flag: 'is_blacklisted',
    title: 'Blacklist',
    goplus: 'is_blacklisted',
    crpwarner: null,
    severity: 'medium',
    confidence: 0.8,
    weight: 0.35,
    say: 'the owner can blacklist addresses from trading',
    ownerPrivilege: true,
    description: 'Transfers check a per-address list the owner writes and stop for listed addresses (or functions are named like a blacklist): the owner can freeze a holder.',
    recommendation: 'Expect that the owner can stop you from selling.',
  },
  {
    bytecode: {
      decide(ctx) {
        const { listGuard, refusing, namedList, black, white } = bytecodeLists(ctx);
        for (const f of namedList('blacklist')) ctx.ev('is_blacklisted', f, 'function named like a blacklist');
        if (refusing) ctx.ev('is_blacklisted', refusing.f, `transfers stop (pc ${refusing.g.pc}) for addresses in a list the owner writes (slot ${refusing.g.cond.lit!.key})`);
        if (listGuard && !black && !white) ctx.ev('is_blacklisted', listGuard.f, 'transfers check a per-address list the owner writes (polarity not determined)');
        ctx.setFlag('is_blacklisted', black || (listGuard !== undefined && !white) ? true : ctx.noneIf(false));
      },
    },
    source: {
      decide(ctx) {
        const refusing = sourceListChecks(ctx).filter((x) => x.refuses);
        for (const { f, o, v } of refusing) ctx.ev('is_blacklisted', f, o.node, `transfers refuse addresses in ${v.name}, set by ${ctx.ownerWritten.get(v)!.name}`, o.origin);
        // Names add what structure cannot see (a list kept elsewhere).
        for (const f of ctx.named('blacklist')) ctx.ev('is_blacklisted', f, f.node, `function ${f.name} named like a blacklist`);
        ctx.set('is_blacklisted', ctx.noneIf(refusing.length > 0 || ctx.named('blacklist').length > 0));
      },
    },
  },
);
