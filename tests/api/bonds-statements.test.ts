import type { Statement } from '@essor/shared/bond-statements';
import type { Subscription } from '@essor/shared/bonds';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../api/src/lib/rows';
import { STAFF_VIEWER } from '../../api/src/lib/viewer';
import { confirmPayment } from '../../api/src/modules/bonds/payments';
import { creditorReference, displayReference, isValidReference } from '../../api/src/modules/bonds/references';
import { findReferences, parseAmountMinor, parseStatement } from '../../api/src/modules/bonds/statement-parsing';
import { subscribe } from '../../api/src/modules/bonds/subscriptions';
import { trialBalance } from '../../api/src/modules/ledger/reports';
import { todayUtc } from '../../api/src/modules/ledger/posting';
import { createBondsFixture, daysFrom, makeInvestors, openedOffering, type BondsFixture } from '../support/bonds-fixtures';
import { createTestContext, type TestClient, type TestContext } from '../support/http';

let ctx: TestContext;
let fixture: BondsFixture;
let staff: TestClient;
let manager: TestClient;

beforeAll(async () => {
  ctx = await createTestContext();
  fixture = await createBondsFixture(ctx.database.db);
  staff = await ctx.as('staff');
  manager = await ctx.as('fund_manager');
}, 60_000);
afterAll(() => ctx.close());

const db = () => ctx.database.db;
let keys = 0;
const key = () => ({ headers: { 'Idempotency-Key': `statements-test-${Date.now()}-${keys++}` } });
const today = todayUtc();
/** A day as a French bank writes it: 24/11/2026. */
const fr = (day: string) => day.split('-').reverse().join('/');

async function one<T>(query: ReturnType<typeof sql>): Promise<T> {
  return rowsOf<T>(await db().execute(query))[0];
}

/** What the offering's subscriptions moved on a trust account, debit minus credit, from the journal. */
async function trustBalance(offeringId: string, code: string): Promise<number> {
  const row = await one<{ balance: string | null }>(sql`
    select coalesce(sum(l.debit_minor - l.credit_minor), 0) as balance from journal_lines l
    join ledger_accounts a on a.id = l.account_id
    join journal_entries e on e.id = l.entry_id
    where a.code = ${code} and e.source_type = 'bond_subscription'
      and e.source_id in (select id::text from bond_subscriptions where offering_id = ${offeringId}::uuid)`);
  return Number(row.balance ?? 0);
}

/** The payments of some subscriptions, as (subscription, amount, source, bank reference), in a stable order. */
async function paymentsOf(subs: Subscription[]) {
  const rows = rowsOf<{ subscription_id: string; amount_minor: string; source: string; bank_reference: string | null }>(
    await db().execute(sql`select subscription_id::text, amount_minor, source, bank_reference from bond_payments
      where subscription_id in (${sql.join(subs.map((s) => sql`${s.id}::uuid`), sql`, `)}) order by source, bank_reference`),
  );
  return rows.map((r) => ({ sub: subs.findIndex((s) => s.id === r.subscription_id), amount: Number(r.amount_minor), source: r.source, bankReference: r.bank_reference }));
}

async function subscription(id: string) {
  return one<{ status: string; paid_minor: string }>(sql`select status, paid_minor from bond_subscriptions where id = ${id}::uuid`).then((r) => ({ status: r.status, paidMinor: Number(r.paid_minor) }));
}

function upload(fileName: string, bytes: Buffer, trustFundId = fixture.trustFundId) {
  return staff.post('/api/bonds/statements', { trustFundId, fileName, contentBase64: bytes.toString('base64') });
}

async function preview(fileName: string, bytes: Buffer): Promise<Statement> {
  const res = await upload(fileName, bytes);
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
}

const matches = (s: Statement) => s.lines.map((l) => l.match);

/** Subscriptions of one offering (unit price 100.00 CAD), one person each, reserved. */
async function reserve(unitsEach: number[]): Promise<{ offeringId: string; subs: Subscription[] }> {
  const offering = await openedOffering(db(), fixture);
  const people = await makeInvestors(db(), offering.structureId, unitsEach.length);
  const subs: Subscription[] = [];
  for (const [i, units] of unitsEach.entries()) subs.push(await subscribe(db(), people[i], people[i].id!, offering.id, units));
  return { offeringId: offering.id, subs };
}

describe('reading statements', () => {
  it('reads amounts from the string, never through a float, and RF references as people write them', () => {
    expect(parseAmountMinor('1 250,00', 'CAD')).toBe(125_000);
    expect(parseAmountMinor('1.250,10', 'EUR')).toBe(125_010);
    expect(parseAmountMinor('1,250.10', 'CAD')).toBe(125_010);
    expect(parseAmountMinor('0,29', 'EUR')).toBe(29);
    expect(parseAmountMinor('-12,5', 'EUR')).toBe(-1250);
    expect(parseAmountMinor('1.250', 'EUR')).toBe(125_000);
    expect(parseAmountMinor('1.2345', 'EUR')).toBeNull();
    expect(parseAmountMinor('1 500', 'XOF')).toBe(1500);
    const ref = creditorReference('OBK3M79QX2');
    expect(findReferences(`vir sepa ${displayReference(ref).toLowerCase()} merci`)).toEqual([ref]);
    expect(findReferences(`REF:${ref}/SOUSCRIPTION`)).toEqual([ref]);
    expect(findReferences(ref.replace('K3', 'K4'))).toEqual([]);
  });

  it('gives a line without a bank reference a stable one, different for a second identical line', async () => {
    const csv = Buffer.from(`Date;Montant;Libellé\n${fr(today)};10,00;Don\n${fr(today)};10,00;Don\n`);
    const first = (await parseStatement(csv, 'CAD')).lines.map((l) => l.bankReference);
    expect(first[0]).not.toBe(first[1]);
    expect((await parseStatement(csv, 'CAD')).lines.map((l) => l.bankReference)).toEqual(first);
  });
});

describe('bank statement import and reconciliation', () => {
  it('matches a French CSV and a camt.053 file to subscriptions, posts the matched and partial credits once, and leaves the rest', async () => {
    // Amounts owed: s0 300.00, s1 500.00, s2 200.00, s3 400.00, s4 100.00.
    const { offeringId, subs } = await reserve([3, 5, 2, 4, 1]);
    const [s0, s1, s2, s3, s4] = subs;
    const manualRef = `OP-${Date.now()}-7`;
    // s4: 50.00 confirmed by hand with the bank's operation number, before the statement comes.
    await confirmPayment(db(), fixture.staff, s4.id, { amountMinor: 5_000, receivedOn: today, bankReference: manualRef });
    const op = (n: number) => `OP-${offeringId.slice(0, 8)}-${n}`;
    const day = fr(daysFrom(today, -2));
    const unknownRef = creditorReference('OBZZZZZZZ9');
    // One character mistyped. A letter turned into a digit can still pass the check digits (letters count as two
    // digits in mod 97), about once in a hundred references: the typo is the first that fails them.
    const typo = ['9', '8', '7', 'A', 'B'].map((ch) => s0.reference.slice(0, -1) + ch).find((t) => t !== s0.reference && !isValidReference(t))!;
    const lines = [
      `${day};${op(1)};VIR SEPA ${s0.reference};Hélène Côté;;300,00`,
      `${day};${op(1)};VIR SEPA ${s0.reference};Hélène Côté;;300,00`,
      `${day};${op(2)};virement ${displayReference(s1.reference).toLowerCase()} souscription;François Lévêque;;200,00`,
      `${day};${op(3)};${s2.reference};Agnès Noël;;250,00`,
      `${day};${op(4)};REF:${s3.reference}/1ère partie;Zoé Bélanger;;100,00`,
      `${day};${op(5)};REF:${s3.reference}/solde;Zoé Bélanger;;300,00`,
      `${day};${manualRef};${s4.reference};Jérôme Dupré;;50,00`,
      `${day};${op(6)};Souscription ${typo};Inconnu;;100,00`,
      `${day};${op(7)};${unknownRef};Quelqu'un;;75,00`,
      `${day};${op(8)};Frais de tenue de compte;;12,50;`,
    ];
    const csvText = `Relevé de compte;Fiducie\nPériode;novembre\n\nDate opération;N° d'opération;Libellé;Tiers;Débit;Crédit\n${lines.join('\r\n')}\r\n;;Solde au ${day};;;5 000,00\r\n`;
    // Windows-1252, as a French bank exports it: é, ô, è are single bytes.
    const csv = Buffer.from(csvText, 'latin1');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(csv)).toThrow();

    const seen = await preview('releve-novembre.csv', csv);
    expect(seen).toMatchObject({ format: 'csv', status: 'previewed', currency: 'CAD', lineCount: 10, creditMinor: 167_500, postableCount: 4, postableMinor: 90_000 });
    expect(matches(seen)).toEqual(['matched', 'duplicate', 'partial', 'overpaid', 'partial', 'matched', 'duplicate', 'unknown', 'unknown', 'ignored']);
    expect(seen.counts).toEqual({ matched: 2, partial: 2, overpaid: 1, unknown: 2, duplicate: 2, ignored: 1 });
    expect(seen.lines[0]).toMatchObject({ counterparty: 'Hélène Côté', reference: s0.reference, subscriptionId: s0.id, subscriptionReference: s0.reference, bookedOn: daysFrom(today, -2), amountMinor: 30_000 });
    expect(seen.lines[2]).toMatchObject({ reference: s1.reference, subscriptionId: s1.id, counterparty: 'François Lévêque' });
    expect(seen.lines[7]).toMatchObject({ reference: null, subscriptionId: null });
    expect(seen.lines[8]).toMatchObject({ reference: unknownRef, subscriptionId: null });
    expect(seen.lines[9]).toMatchObject({ amountMinor: -1250, match: 'ignored' });
    // Nothing is paid by a preview.
    expect(await trustBalance(offeringId, '1050')).toBe(5_000);

    const k = key();
    const posted = await manager.post(`/api/bonds/statements/${seen.id}/post`, {}, k);
    expect(posted.status, await posted.clone().text()).toBe(200);
    const result: Statement = await posted.json();
    expect(result).toMatchObject({ status: 'posted', postedCount: 4 });
    expect(matches(result)).toEqual(matches(seen));
    expect(result.lines.filter((l) => l.paymentId).map((l) => l.lineNo)).toEqual([1, 3, 5, 6]);
    // By hand: s0 300.00, s1 200.00, s3 100.00 + 300.00 from the statement; s4's 50.00 by hand before.
    expect(await paymentsOf(subs)).toEqual([
      { sub: 4, amount: 5_000, source: 'manual', bankReference: manualRef },
      { sub: 0, amount: 30_000, source: 'statement', bankReference: op(1) },
      { sub: 1, amount: 20_000, source: 'statement', bankReference: op(2) },
      { sub: 3, amount: 10_000, source: 'statement', bankReference: op(4) },
      { sub: 3, amount: 30_000, source: 'statement', bankReference: op(5) },
    ]);
    expect(await trustBalance(offeringId, '1050')).toBe(95_000);
    expect(await trustBalance(offeringId, '2300')).toBe(-95_000);
    expect(await subscription(s0.id)).toEqual({ status: 'paid', paidMinor: 30_000 });
    expect(await subscription(s1.id)).toEqual({ status: 'reserved', paidMinor: 20_000 });
    expect(await subscription(s2.id)).toEqual({ status: 'reserved', paidMinor: 0 });
    expect(await subscription(s3.id)).toEqual({ status: 'paid', paidMinor: 40_000 });
    expect((await trialBalance(db(), { fundId: fixture.trustFundId }, STAFF_VIEWER)).balanced).toBe(true);

    // A retry of the post with its key replays the answer; without, the same import or the same file again is a 409.
    const replay = await manager.post(`/api/bonds/statements/${seen.id}/post`, {}, k);
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const twice = await manager.post(`/api/bonds/statements/${seen.id}/post`, {}, key());
    expect(twice.status).toBe(409);
    expect((await twice.json()).error.message).toBe('Ce fichier de relevé est déjà comptabilisé');
    expect((await upload('releve-novembre-copie.csv', csv)).status).toBe(409);
    expect((await staff.post(`/api/bonds/statements/${seen.id}/discard`, {})).status).toBe(409);
    expect(await trustBalance(offeringId, '1050')).toBe(95_000);

    // The camt.053 of the next days: s1's rest, a second credit for s0 (paid: overpaid), s2 in full, a repeated entry, a debit.
    const entry = (ref: string | null, amount: string, ind: 'CRDT' | 'DBIT', remittance: string, name: string) => `
      <Ntry>${ref ? `<NtryRef>${ref}</NtryRef>` : ''}<Amt Ccy="CAD">${amount}</Amt><CdtDbtInd>${ind}</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>${daysFrom(today, -1)}</Dt></BookgDt>
        <NtryDtls><TxDtls><RltdPties><Dbtr><Nm>${name}</Nm></Dbtr></RltdPties><RmtInf>${remittance}</RmtInf></TxDtls></NtryDtls>
      </Ntry>`;
    const camt = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt><GrpHdr><MsgId>STMT-${offeringId}</MsgId><CreDtTm>${today}T08:00:00</CreDtTm></GrpHdr>
    <Stmt><Id>1</Id><Acct><Id><Othr><Id>0042-7</Id></Othr></Id><Ccy>CAD</Ccy></Acct>
      ${entry(`C-${offeringId}-1`, '300.00', 'CRDT', `<Strd><CdtrRefInf><Ref>${s1.reference}</Ref></CdtrRefInf></Strd>`, 'François Lévêque')}
      ${entry(`C-${offeringId}-2`, '50.00', 'CRDT', `<Ustrd>${s0.reference.toLowerCase()}</Ustrd>`, 'Hélène Côté')}
      ${entry(`C-${offeringId}-1`, '300.00', 'CRDT', `<Strd><CdtrRefInf><Ref>${s1.reference}</Ref></CdtrRefInf></Strd>`, 'François Lévêque')}
      ${entry(null, '200', 'CRDT', `<Ustrd>Souscription</Ustrd><Ustrd>${displayReference(s2.reference)}</Ustrd>`, 'Agnès Noël')}
      ${entry(`C-${offeringId}-5`, '8.90', 'DBIT', '<Ustrd>Frais</Ustrd>', 'Banque')}
    </Stmt>
  </BkToCstmrStmt>
</Document>`;
    const camtBytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(camt, 'utf8')]);
    const second = await preview('camt053.xml', camtBytes);
    expect(second).toMatchObject({ format: 'camt053', lineCount: 5, creditMinor: 85_000, postableCount: 2, postableMinor: 50_000 });
    expect(matches(second)).toEqual(['matched', 'overpaid', 'duplicate', 'matched', 'ignored']);
    expect(second.lines[0]).toMatchObject({ counterparty: 'François Lévêque', bankReference: `C-${offeringId}-1`, subscriptionId: s1.id });
    expect(second.lines[3].bankReference).toMatch(/^L-[0-9a-f]{24}$/);
    const camtPosted = await staff.post(`/api/bonds/statements/${second.id}/post`, {}, key());
    expect(camtPosted.status).toBe(200);
    expect((await camtPosted.json()).postedCount).toBe(2);
    expect(await subscription(s1.id)).toEqual({ status: 'paid', paidMinor: 50_000 });
    expect(await subscription(s2.id)).toEqual({ status: 'paid', paidMinor: 20_000 });
    expect(await trustBalance(offeringId, '1050')).toBe(145_000);
    expect((await paymentsOf(subs)).length).toBe(7);
    expect((await upload('camt053-again.xml', camtBytes)).status).toBe(409);

    const list = await (await manager.get(`/api/bonds/statements?trustFundId=${fixture.trustFundId}&status=posted&limit=200`)).json();
    const mine = list.items.filter((i: { id: string }) => i.id === seen.id || i.id === second.id);
    expect(mine.map((i: { id: string; postedCount: number }) => [i.id, i.postedCount])).toEqual([
      [second.id, 2],
      [seen.id, 4],
    ]);
  });

  it('posts one file once even when it was previewed twice', async () => {
    const { subs } = await reserve([1]);
    const csv = Buffer.from(`Date,Amount,Reference,Counterparty\n${today},100.00,${subs[0].reference},Ana\n`);
    const a = await preview('a.csv', csv);
    const b = await preview('b.csv', csv);
    expect(matches(a)).toEqual(['matched']);
    const linesCsv = await staff.get(`/api/bonds/statements/${a.id}/lines.csv`);
    expect(linesCsv.headers.get('content-type')).toContain('text/csv');
    expect((await linesCsv.text()).split(/\r?\n/)[1]).toBe(`1,${today},10000,CAD,Ana,${subs[0].reference},${subs[0].reference},${a.lines[0].bankReference},matched,${subs[0].reference},${a.lines[0].investorName},${a.lines[0].offeringCode},`);
    expect((await staff.post(`/api/bonds/statements/${a.id}/post`, {}, key())).status).toBe(200);
    const again = await staff.post(`/api/bonds/statements/${b.id}/post`, {}, key());
    expect(again.status).toBe(409);
    expect((await paymentsOf(subs)).length).toBe(1);
    expect((await (await staff.get(`/api/bonds/statements/${b.id}`)).json()).status).toBe('previewed');
    const dropped = await staff.post(`/api/bonds/statements/${b.id}/discard`, {});
    expect((await dropped.json()).status).toBe('discarded');
    expect((await staff.post(`/api/bonds/statements/${b.id}/post`, {}, key())).status).toBe(409);
    const exported = await (await staff.get(`/api/bonds/statements/export.csv?trustFundId=${fixture.trustFundId}`)).text();
    expect(exported.split(/\r?\n/)[0]).toBe('created_at,trust_fund,file_name,format,status,currency,line_count,credit_minor,matched,partial,overpaid,unknown,duplicate,ignored,posted_count,posted_at');
    expect(exported).toContain(`,b.csv,csv,discarded,CAD,1,10000,1,0,0,0,0,0,0,`);
  });

  it('posts a file once when two imports of it are posted at the same moment', async () => {
    const { subs } = await reserve([2]);
    const csv = Buffer.from(`Date;Montant;Libellé\n${fr(today)};200,00;${subs[0].reference}\n`);
    const [a, b] = [await preview('a.csv', csv), await preview('b.csv', csv)];
    const answers = await Promise.all([staff.post(`/api/bonds/statements/${a.id}/post`, {}, key()), manager.post(`/api/bonds/statements/${b.id}/post`, {}, key())]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await paymentsOf(subs)).map((p) => p.amount)).toEqual([20_000]);
    expect(await subscription(subs[0].id)).toEqual({ status: 'paid', paidMinor: 20_000 });
  });

  it('posts nothing when one line fails, and answers an unknown format or an empty file with a 422', async () => {
    const { offeringId, subs } = await reserve([2, 1]);
    const entriesBefore = await one<{ n: number }>(sql`select count(*)::int as n from journal_entries`);
    // The second credit is dated after today: the ledger refuses it, and the first must not stay posted either.
    const csv = Buffer.from(`Date;Montant;Libellé\n${fr(today)};200,00;${subs[0].reference}\n${fr(daysFrom(today, 3))};100,00;${subs[1].reference}\n`);
    const seen = await preview('futur.csv', csv);
    expect(matches(seen)).toEqual(['matched', 'matched']);
    const failed = await staff.post(`/api/bonds/statements/${seen.id}/post`, {}, key());
    expect(failed.status).toBe(422);
    expect(await paymentsOf(subs)).toEqual([]);
    expect(await subscription(subs[0].id)).toEqual({ status: 'reserved', paidMinor: 0 });
    expect(await trustBalance(offeringId, '1050')).toBe(0);
    expect((await one<{ n: number }>(sql`select count(*)::int as n from journal_entries`)).n).toBe(entriesBefore.n);
    const still = await (await staff.get(`/api/bonds/statements/${seen.id}`)).json();
    expect(still).toMatchObject({ status: 'previewed', postedCount: 0 });
    expect(still.lines.every((l: { paymentId: string | null }) => l.paymentId === null)).toBe(true);

    const importsBefore = await one<{ n: number }>(sql`select count(*)::int as n from bond_statement_imports`);
    const json = await upload('export.json', Buffer.from('{"operations": []}'));
    expect(json.status).toBe(422);
    expect((await json.json()).error.message).toContain('camt.053');
    expect((await upload('pain.xml', Buffer.from('<?xml version="1.0"?><Document><CstmrCdtTrfInitn/></Document>'))).status).toBe(422);
    expect((await upload('vide.csv', Buffer.from('Date;Montant;Libellé\n'))).status).toBe(422);
    const badDate = await upload('date.csv', Buffer.from('Date;Montant;Libellé\n32/13/2026;10,00;x\n'));
    expect(badDate.status).toBe(422);
    expect((await badDate.json()).error.message).toContain('32/13/2026');
    expect((await staff.post('/api/bonds/statements', { trustFundId: fixture.trustFundId, fileName: 'x.csv', contentBase64: 'not base64!' })).status).toBe(400);
    expect((await upload('../x.csv', csv)).status).toBe(400);
    const big = await upload('gros.csv', Buffer.alloc(701 * 1024, 'a'));
    expect(big.status).toBe(413);
    expect((await big.json()).error.message).toBe('Le fichier de relevé dépasse 700 Ko');
    const coFund = rowsOf<{ id: string }>(await db().execute(sql`select id from funds where type <> 'bond_trust' limit 1`))[0];
    if (coFund) expect((await upload('x.csv', csv, coFund.id)).status).toBe(422);
    expect((await one<{ n: number }>(sql`select count(*)::int as n from bond_statement_imports`)).n).toBe(importsBefore.n);
  });
});
