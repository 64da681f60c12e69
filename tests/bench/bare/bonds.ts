import type { Context } from 'hono';
import { type BareModule, type Sql, decodeCursor, encodeCursor, guard, iso, limitOf, page, timeCursor } from './kit';

const READERS = ['admin', 'staff', 'fund_manager'] as const;

/** The offering's structure when the caller reaches it, else null (the route answers 404, as Essor's scope check does). */
async function offeringInReach(sql: Sql, c: Context, reach: string[]): Promise<string | null> {
  const id = c.req.param('id')!;
  const [row] = await sql`select structure_id from bond_offerings where id = ${id}`;
  return row && reach.includes(row.structure_id as string) ? id : null;
}

/** Community bonds: offerings, subscriptions, holdings. */
export const bonds: BareModule = {
  paths: ['/api/bonds/offerings', '/api/bonds/offerings/:id/subscriptions', '/api/bonds/offerings/:id/holders'],
  register(app, sql) {
    app.get('/api/bonds/offerings', async (c) => {
      const who = await guard(sql, c, READERS);
      if (!who) return c.json({ error: 'forbidden' }, 403);
      const limit = limitOf(c);
      const [status, q] = [c.req.query('status'), c.req.query('q')?.trim()];
      const pattern = q ? `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : null;
      const rows = await sql`
        select o.*, o.unit_price_minor::float8 as unit_price_minor, o.opens_on::text as opens_on, o.closes_on::text as closes_on, o.issued_on::text as issued_on,
               o.matures_on::text as matures_on, o.early_redemption_from::text as early_redemption_from, o.redeemed_on::text as redeemed_on,
               coalesce(org.name, p.title) as issuer_name, f.code as fund_code
        from bond_offerings o
        join projects p on p.id = o.issuer_project_id
        left join organisations org on org.id = p.organisation_id
        join funds f on f.id = o.trust_fund_id
        where o.structure_id = any(${sql.array(who.reach, 2950)})
          ${status ? sql`and o.status = ${status}` : sql``}
          ${pattern ? sql`and (o.code ilike ${pattern} or o.title ilike ${pattern} or org.name ilike ${pattern} or p.title ilike ${pattern})` : sql``}
          and ${timeCursor(sql, c, 'o.created_at', 'o.id')}
        order by o.created_at desc, o.id desc limit ${limit + 1}`;
      const p = page(rows, limit, (o) => encodeCursor(iso(o.created_at)!, o.id as string));
      const items = p.items.map((o) => ({
        id: o.id,
        structureId: o.structure_id,
        code: o.code,
        issuerProjectId: o.issuer_project_id,
        issuerName: o.issuer_name,
        trustFundId: o.trust_fund_id,
        trustFundCode: o.fund_code,
        title: o.title,
        summaryFr: o.summary_fr,
        summaryEn: o.summary_en,
        noticeFr: o.notice_fr,
        noticeEn: o.notice_en,
        useOfFunds: o.use_of_funds,
        impactAim: o.impact_aim,
        currency: o.currency,
        unitPriceMinor: o.unit_price_minor,
        maxUnits: o.max_units,
        minUnits: o.min_units,
        minUnitsPerPerson: o.min_units_per_person,
        maxUnitsPerPerson: o.max_units_per_person,
        rateBps: o.rate_bps,
        termMonths: o.term_months,
        couponFrequency: o.coupon_frequency,
        dayCount: o.day_count,
        opensOn: o.opens_on,
        closesOn: o.closes_on,
        issuedOn: o.issued_on,
        maturesOn: o.matures_on,
        paymentDays: o.payment_days,
        withholdingBps: o.withholding_bps,
        earlyRedemptionFrom: o.early_redemption_from,
        redeemedOn: o.redeemed_on,
        status: o.status,
        reservedUnits: o.reserved_units,
        paidUnits: o.paid_units,
        createdBy: o.created_by,
        approvedBy: o.approved_by,
        cancelledReason: o.cancelled_reason,
        cancelledAt: iso(o.cancelled_at),
        createdAt: iso(o.created_at),
        updatedAt: iso(o.updated_at),
      }));
      return c.json({ items, nextCursor: p.nextCursor });
    });
    app.get('/api/bonds/offerings/:id/subscriptions', async (c) => {
      const who = await guard(sql, c, READERS);
      if (!who) return c.json({ error: 'forbidden' }, 403);
      const offeringId = await offeringInReach(sql, c, who.reach);
      if (!offeringId) return c.json({ error: 'not found' }, 404);
      const limit = limitOf(c);
      const [status, cursor] = [c.req.query('status'), c.req.query('cursor')];
      const rows = await sql`
        select s.*, s.seq::float8 as seq, s.amount_minor::float8 as amount_minor, s.paid_minor::float8 as paid_minor,
               o.code as offering_code, o.title as offering_title, i.full_name as investor_name, f.code as fund_code, f.name as fund_name, f.description as fund_description
        from bond_subscriptions s
        join bond_offerings o on o.id = s.offering_id
        join bond_investors i on i.id = s.investor_id
        join funds f on f.id = o.trust_fund_id
        where s.offering_id = ${offeringId} and s.structure_id = any(${sql.array(who.reach, 2950)})
          ${status ? sql`and s.status = ${status}` : sql``}
          ${cursor ? sql`and s.seq > ${Number(decodeCursor(cursor)[1])}` : sql``}
        order by s.seq limit ${limit + 1}`;
      const p = page(rows, limit, (s) => encodeCursor(s.seq as number, s.seq as number));
      const items = p.items.map((s) => ({
        id: s.id,
        seq: s.seq,
        structureId: s.structure_id,
        offeringId: s.offering_id,
        offeringCode: s.offering_code,
        offeringTitle: s.offering_title,
        investorId: s.investor_id,
        investorName: s.investor_name,
        units: s.units,
        amountMinor: s.amount_minor,
        paidMinor: s.paid_minor,
        currency: s.currency,
        reference: s.reference,
        status: s.status,
        reservedAt: iso(s.reserved_at),
        expiresAt: iso(s.expires_at),
        paidAt: iso(s.paid_at),
        closedAt: iso(s.closed_at),
        createdAt: iso(s.created_at),
        paymentInstructions:
          s.status === 'reserved'
            ? {
                reference: s.reference,
                referenceDisplay: (s.reference as string).replace(/(.{4})(?=.)/g, '$1 '),
                amountMinor: (s.amount_minor as number) - (s.paid_minor as number),
                currency: s.currency,
                trustAccountName: s.fund_name,
                trustAccountCode: s.fund_code,
                trustAccountDetails: s.fund_description,
                dueBy: iso(s.expires_at),
              }
            : null,
      }));
      return c.json({ items, nextCursor: p.nextCursor });
    });
    app.get('/api/bonds/offerings/:id/holders', async (c) => {
      const who = await guard(sql, c, READERS);
      if (!who) return c.json({ error: 'forbidden' }, 403);
      const offeringId = await offeringInReach(sql, c, who.reach);
      if (!offeringId) return c.json({ error: 'not found' }, 404);
      const limit = limitOf(c);
      const cursor = c.req.query('cursor');
      const after = cursor ? decodeCursor(cursor) : null;
      const rows = await sql`
        select h.id, h.offering_id as "offeringId", h.investor_id as "investorId", i.full_name as "holderName", i.address as "holderAddress",
               h.first_number as "firstNumber", h.last_number as "lastNumber", h.last_number - h.first_number + 1 as units,
               h.held_from::text as "heldFrom", h.held_until::text as "heldUntil", h.origin, h.subscription_id as "subscriptionId"
        from bond_holdings h join bond_investors i on i.id = h.investor_id
        where h.offering_id = ${offeringId} ${after ? sql`and (h.first_number, h.id) > (${Number(after[0])}, ${String(after[1])}::uuid)` : sql``}
        order by h.first_number, h.id limit ${limit + 1}`;
      return c.json(page(rows, limit, (h) => encodeCursor(h.firstNumber as number, h.id as string)));
    });
  },
};
