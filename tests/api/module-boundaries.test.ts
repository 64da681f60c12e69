import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

/** Lints a file that does not exist, as if it stood at `file`, and gives the rules it breaks. */
async function rulesBroken(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('the boundaries between API modules (lint fixtures)', () => {
  it("refuses a module importing another's internals, and accepts what that one exports for the purpose", async () => {
    expect(await rulesBroken('api/src/modules/loans/fixture.ts', "import { lockFund } from '../funds/lock';\nexport const lock = lockFund;\n")).toContain('import/no-restricted-paths');
    expect(await rulesBroken('api/src/modules/home/fixture.ts', "import { postMovement } from '../ledger/movements';\nexport const post = postMovement;\n")).toContain('import/no-restricted-paths');
    expect(await rulesBroken('api/src/modules/loans/fixture.ts', "import { withFundLock } from '../funds/public';\nexport const lock = withFundLock;\n")).toEqual([]);
  });

  it('holds for every module, not only the money ones: a module without public.ts is not imported at all', async () => {
    expect(await rulesBroken('api/src/modules/users/fixture.ts', "import { queueMail } from '../mail/outbox';\nexport const queue = queueMail;\n")).toContain('import/no-restricted-paths');
    expect(await rulesBroken('api/src/modules/users/fixture.ts', "import { queueMail } from '../mail/public';\nexport const queue = queueMail;\n")).toEqual([]);
    // structures publishes nothing: even its service is out of reach.
    expect(await rulesBroken('api/src/modules/home/fixture.ts', "import * as structures from '../structures/service';\nexport const s = structures;\n")).toContain('import/no-restricted-paths');
  });

  it('refuses a cycle between modules, even when no file imports itself back', async () => {
    // funds already uses the ledger: the ledger using funds would close a loop.
    expect(await rulesBroken('api/src/modules/ledger/fixture.ts', "import { lockFund } from '../funds/public';\nexport const lock = lockFund;\n")).toContain('essor/no-module-cycle');
    // Through a third module: loans -> funds -> ledger, so the ledger may not use loans either.
    expect(await rulesBroken('api/src/modules/ledger/fixture.ts', "import { allLoans } from '../loans/public';\nexport const list = allLoans;\n")).toContain('essor/no-module-cycle');
    expect(await rulesBroken('api/src/modules/funds/fixture.ts', "import { postMovement } from '../ledger/public';\nexport const post = postMovement;\n")).toEqual([]);
  });

  it('holds today: the API modules lint clean of both rules', async () => {
    const results = await eslint.lintFiles(['api/src/modules/**/*.ts']);
    const broken = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'import/no-restricted-paths' || m.ruleId === 'essor/no-module-cycle').map((m) => `${path.relative(root, r.filePath)}: ${m.message}`));
    expect(broken).toEqual([]);
  });
});
