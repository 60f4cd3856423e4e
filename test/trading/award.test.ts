import { createHash } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cstDate, DAY } from '../../src/domain/cst.ts';
import { tradingDb } from '../../src/trading/schema.ts';
import { errorOf, startTestService, type TestService } from '../support/services.ts';
import { DIALECTS } from '../support/stores.ts';
import { auth } from './support/bid-factory.ts';
import { aSectionWithFinalReport, type AwardFixture, tokenOf, type User } from './support/award-factory.ts';

type Step = {
  step: string;
  subjectId: string | null;
  status: string;
  warning: boolean;
  daysLeft: number | null;
  dueByCst: string | null;
  violation: Record<string, unknown> | null;
};

describe.each(DIALECTS)('award on %s', (dialect) => {
  let svc: TestService;
  let main: AwardFixture;
  const call = async (
    method: 'GET' | 'POST',
    who: User,
    url: string,
    payload?: object,
  ): Promise<LightMyRequestResponse> =>
    svc.app.inject({ method, url, headers: auth(await tokenOf(svc, who)), ...(payload ? { payload } : {}) });
  const award = (fx: AwardFixture, path = '') => `/api/sections/${fx.section.sectionId}/award${path}`;
  /** `hhmm` (CST) on the `day`-th calendar day after the day the report was received (day 0). */
  const at = (fx: AwardFixture, day: number, hhmm: string) =>
    new Date(
      Date.parse(`${cstDate(new Date(fx.reportFinalisedAt))}T${hhmm}:00.000+08:00`) + day * DAY,
    ).toISOString();
  const moveTo = (iso: string) => {
    if (Date.parse(iso) < svc.clock.now().getTime()) throw new Error(`the clock cannot go back to ${iso}`);
    svc.clock.set(iso);
  };
  const timeline = async (fx: AwardFixture, query = '') => {
    const response = await call('GET', fx.tenderer, award(fx, `/timeline${query}`));
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as {
      steps: Step[];
      overdueRefunds: string[];
      bondRefunds: { bidId: string; trigger: string | null }[];
    };
  };
  const stepOf = (steps: Step[], name: string, subjectId: string | null = null) =>
    steps.find((s) => s.step === name && s.subjectId === subjectId)!;
  const expectRule = (response: LightMyRequestResponse, article: RegExp) => {
    expect(response.statusCode, response.body).toBe(422);
    expect(errorOf(response).code).toBe('RULE_VIOLATION');
    expect(errorOf(response).message).toMatch(article);
  };
  const outboxCodes = async (fx: AwardFixture) =>
    (
      await tradingDb(svc.store.db)
        .selectFrom('outbox')
        .select('dataSetCode')
        .where('aggregateId', 'in', [fx.section.sectionId, fx.section.projectId])
        .orderBy('seq')
        .execute()
    ).map((o) => o.dataSetCode);

  beforeAll(async () => {
    svc = await startTestService('trading', dialect);
  }, 60_000);
  afterAll(async () => svc?.close());

  it('publishes the candidates on day 3 after the report, refuses day 4 and a publicity under 3 days (T7, 条例 54)', async () => {
    main = await aSectionWithFinalReport(svc);
    const late = await aSectionWithFinalReport(svc);
    moveTo(at(main, 3, '23:00'));
    expect((await call('POST', main.bidders[0]!, award(main, '/publicity'), {})).statusCode).toBe(403);
    expectRule(
      await call('POST', main.tenderer, award(main, '/publicity'), { endsAt: at(main, 5, '12:00') }),
      /第54条/,
    );
    const published = await call('POST', main.tenderer, award(main, '/publicity'), {
      remarks: '异议请书面提出',
    });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().endsAt).toBe(new Date(Date.parse(at(main, 7, '00:00')) - 1).toISOString());
    expect(published.json().body).toMatch(/第1名/);
    expect((await call('POST', main.tenderer, award(main, '/publicity'), {})).statusCode).toBe(409);

    moveTo(at(late, 4, '09:00'));
    expectRule(await call('POST', late.tenderer, award(late, '/publicity'), {}), /第54条/);
    const steps = (await timeline(late)).steps;
    expect(stepOf(steps, 'candidates_published')).toMatchObject({
      status: 'late',
      violation: { rule: 'T7' },
    });
    expect(stepOf((await timeline(main)).steps, 'candidates_published').status).toBe('done');
    expect(await outboxCodes(main)).toEqual(['510', '511']);
  });

  it('takes objections during the publicity only and waits for the answer before the award (T7)', async () => {
    const objector = main.bidders[1]!;
    const noPublicity = await aSectionWithFinalReport(svc);
    expectRule(
      await call('POST', objector, award(noPublicity, '/objections'), { body: '评分有误' }),
      /第54条/,
    );

    const raised = await call('POST', objector, award(main, '/objections'), { body: '第一名业绩造假' });
    expect(raised.statusCode, raised.body).toBe(200);
    const objectionId = raised.json().id as string;

    moveTo(at(main, 6, '20:00'));
    expectRule(await call('POST', main.tenderer, award(main), { bidId: main.bidders[0]!.bidId }), /第54条/);

    moveTo(at(main, 7, '09:00'));
    expectRule(await call('POST', objector, award(main, '/objections'), { body: '再次异议' }), /第54条/);
    const blocked = await call('POST', main.tenderer, award(main), { bidId: main.bidders[0]!.bidId });
    expectRule(blocked, /第54条/);
    expect(
      (await call('POST', objector, award(main, `/objections/${objectionId}/reply`), { reply: 'x' }))
        .statusCode,
    ).toBe(403);
    const replied = await call('POST', main.tenderer, award(main, `/objections/${objectionId}/reply`), {
      reply: '经核查，业绩属实',
    });
    expect(replied.statusCode, replied.body).toBe(200);
    expect(stepOf((await timeline(main)).steps, 'objection_reply', objectionId).status).toBe('done');
    const notices = (await call('GET', objector, '/api/notices?kind=award_objection_answered')).json();
    expect(notices.items.map((n: { body: string }) => n.body)).toEqual(['经核查，业绩属实']);
  });

  it('awards the first candidate only, unless it gave up with evidence (C8, 条例 55)', async () => {
    const [first, second] = [main.bidders[0]!, main.bidders[1]!];
    expectRule(await call('POST', main.tenderer, award(main), { bidId: second.bidId }), /第55条/);
    const bad = await call('POST', main.tenderer, award(main, '/standings'), {
      bidId: first.bidId,
      standing: 'gave_up',
      evidence: '',
    });
    expect(bad.statusCode).toBe(400);
    const gaveUp = await call('POST', main.tenderer, award(main, '/standings'), {
      bidId: first.bidId,
      standing: 'gave_up',
      evidence: '第一名书面放弃中标（附函）',
    });
    expect(gaveUp.statusCode, gaveUp.body).toBe(200);
    expectRule(await call('POST', main.tenderer, award(main), { bidId: first.bidId }), /第55条/);
    expectRule(await call('POST', main.tenderer, award(main), { bidId: main.bidders[2]!.bidId }), /第55条/);
    const awarded = await call('POST', main.tenderer, award(main), { bidId: second.bidId });
    expect(awarded.statusCode, awarded.body).toBe(200);
    expect(awarded.json()).toMatchObject({ outcome: 'awarded', award: { bidId: second.bidId, rule: 'C8' } });
    expect(awarded.json().award.noticeBody).toMatch(/中标人/);
    expect((await call('POST', main.tenderer, award(main), { bidId: second.bidId })).statusCode).toBe(409);
    expect(await outboxCodes(main)).toEqual(['510', '511', '513']);
  });

  it('shows each bidder its own result and notice, and no one else’s', async () => {
    const [first, second] = [main.bidders[0]!, main.bidders[1]!];
    const won = await call('GET', second, `/api/bids/${second.bidId}/award-result`);
    expect(won.statusCode, won.body).toBe(200);
    expect(won.json()).toMatchObject({ outcome: 'won', candidateRank: 2, notice: { kind: 'award_notice' } });
    expect(won.json().notice.body).toMatch(/30日内/);
    const lost = await call('GET', first, `/api/bids/${first.bidId}/award-result`);
    expect(lost.json()).toMatchObject({
      outcome: 'not_won',
      candidateRank: 1,
      notice: { kind: 'award_result' },
    });
    expect((await call('GET', first, `/api/bids/${second.bidId}/award-result`)).statusCode).toBe(404);
    expect((await call('GET', main.withdrawn, `/api/bids/${second.bidId}/award-result`)).statusCode).toBe(
      404,
    );
    expect((await call('GET', main.tenderer, `/api/bids/${second.bidId}/award-result`)).statusCode).toBe(403);
    const theirs = (await call('GET', first, '/api/notices?kind=award_notice')).json();
    expect(theirs.items).toEqual([]);
  });

  it('warns before the contract is late, then shows it late (T8, 法 46)', async () => {
    // Award notice on day 7: the contract is due by 24:00 CST on day 37.
    moveTo(at(main, 31, '09:00'));
    let contract = stepOf((await timeline(main)).steps, 'contract');
    expect(contract).toMatchObject({ status: 'pending', daysLeft: 6, warning: false });
    expect(contract.dueByCst).toBe(`${cstDate(new Date(at(main, 37, '12:00')))} 23:59`);
    expect(stepOf((await timeline(main, '?warningDays=6')).steps, 'contract').warning).toBe(true);
    moveTo(at(main, 32, '09:00'));
    expect(stepOf((await timeline(main)).steps, 'contract')).toMatchObject({
      status: 'pending',
      daysLeft: 5,
      warning: true,
    });
    moveTo(at(main, 38, '00:30'));
    contract = stepOf((await timeline(main)).steps, 'contract');
    expect(contract).toMatchObject({ status: 'late', violation: { rule: 'T8', limit: 30, actual: 31 } });
  });

  it('records the contract with its file; the performance bond may be 10 % but not a fen more (C4, 条例 58)', async () => {
    const file = Buffer.from('signed contract PDF bytes');
    const post = async (bondFen: number) =>
      svc.app.inject({
        method: 'POST',
        url: `${award(main, '/contract')}?filename=${encodeURIComponent('合同.pdf')}&amountFen=401000000&performanceBondFen=${bondFen}&signedAt=${encodeURIComponent(svc.clock.now().toISOString())}`,
        headers: { ...auth(await tokenOf(svc, main.tenderer)), 'content-type': 'application/octet-stream' },
        payload: file,
      });
    expectRule(await post(40_100_001), /第58条/);
    const recorded = await post(40_100_000);
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json()).toMatchObject({
      amountFen: 401_000_000,
      performanceBondFen: 40_100_000,
      filename: '合同.pdf',
      fileSha256: createHash('sha256').update(file).digest('hex'),
    });
    expect((await post(1)).statusCode).toBe(409);
    expect(stepOf((await timeline(main)).steps, 'contract')).toMatchObject({
      status: 'late',
      violation: { rule: 'T8' },
    });
    expect(await outboxCodes(main)).toEqual(['510', '511', '513', '512', '523']);
  });

  it('reports to the supervisor: late after 15 days of the award (T9, 法 47)', async () => {
    const before = stepOf((await timeline(main)).steps, 'supervisor_report');
    expect(before).toMatchObject({ status: 'late', violation: { rule: 'T9', limit: 15 } });
    expect(
      (await call('POST', main.bidders[1]!, award(main, '/supervisor-report'), { content: 'x' })).statusCode,
    ).toBe(403);
    const reported = await call('POST', main.tenderer, award(main, '/supervisor-report'), {
      content: '招标投标情况书面报告：……',
    });
    expect(reported.statusCode, reported.body).toBe(200);
    expect(stepOf((await timeline(main)).steps, 'supervisor_report').status).toBe('late');
    expect((await outboxCodes(main)).at(-1)).toBe('400');
  });

  it('refunds every bid bond within 5 days of the contract or of a timely withdrawal, and shows overdue ones (T10)', async () => {
    let view = await timeline(main);
    expect(view.bondRefunds.map((b) => b.trigger).sort()).toEqual([
      'contract_signed',
      'contract_signed',
      'contract_signed',
      'withdrawn',
    ]);
    // The withdrawal was on day 0: its refund was due by day 5.
    expect(view.overdueRefunds).toEqual([main.withdrawn.bidId]);
    const refund = (bidId: string) =>
      call('POST', main.tenderer, award(main, '/bond-refunds'), {
        bidId,
        reference: `转账 ${bidId.slice(0, 8)}`,
      });
    const onTime = await refund(main.bidders[0]!.bidId);
    expect(onTime.statusCode, onTime.body).toBe(200);
    expect(onTime.json()).toMatchObject({
      amountFen: 1_000_000,
      timing: { status: 'done', violation: null },
    });
    expect((await refund(main.bidders[0]!.bidId)).statusCode).toBe(409);
    expect((await refund('no-such-bid')).statusCode).toBe(404);

    moveTo(at(main, 44, '09:00'));
    view = await timeline(main);
    expect(view.overdueRefunds.sort()).toEqual(
      [main.bidders[1]!.bidId, main.bidders[2]!.bidId, main.withdrawn.bidId].sort(),
    );
    const late = await refund(main.withdrawn.bidId);
    expect(late.json().timing).toMatchObject({ status: 'late', violation: { rule: 'T10' } });
    expect(stepOf((await timeline(main)).steps, 'bond_refund', main.bidders[0]!.bidId).status).toBe('done');
  });

  it('lets a project outside C8 choose among the candidates with a recorded reason, and report on time', async () => {
    const fx = await aSectionWithFinalReport(svc, { stateFunded: false });
    expect((await call('POST', fx.tenderer, award(fx, '/publicity'), {})).statusCode).toBe(200);
    moveTo(at(fx, 4, '09:00'));
    const third = fx.bidders[2]!.bidId;
    const noReason = await call('POST', fx.tenderer, award(fx), { bidId: third });
    expect(noReason.statusCode).toBe(400);
    expect(errorOf(noReason).details).toEqual([{ path: 'reason', code: 'required' }]);
    const awarded = await call('POST', fx.tenderer, award(fx), {
      bidId: third,
      reason: '技术方案最适合本项目',
    });
    expect(awarded.statusCode, awarded.body).toBe(200);
    expect(awarded.json().award).toMatchObject({ bidId: third, rule: null, reason: '技术方案最适合本项目' });
    moveTo(at(fx, 10, '09:00'));
    expect(
      (await call('POST', fx.tenderer, award(fx, '/supervisor-report'), { content: '书面报告' })).statusCode,
    ).toBe(200);
    const steps = (await timeline(fx)).steps;
    expect(stepOf(steps, 'supervisor_report').status).toBe('done');
    expect(stepOf(steps, 'contract')).toMatchObject({ status: 'pending', daysLeft: 24 });
  });

  it('tenders again when no candidate remains (C8), through the exceptions module', async () => {
    const fx = await aSectionWithFinalReport(svc, { candidates: 1 });
    expect((await call('POST', fx.tenderer, award(fx, '/publicity'), {})).statusCode).toBe(200);
    moveTo(at(fx, 4, '09:00'));
    const only = fx.bidders[0]!.bidId;
    const ineligible = await call('POST', fx.tenderer, award(fx, '/standings'), {
      bidId: only,
      standing: 'ineligible',
      evidence: '经查实不符合资格条件（监督部门处理决定）',
    });
    expect(ineligible.statusCode, ineligible.body).toBe(200);
    expectRule(await call('POST', fx.tenderer, award(fx), { bidId: only }), /第55条/);
    const again = await call('POST', fx.tenderer, award(fx), {
      retender: true,
      reason: '唯一的中标候选人被查实不符合资格条件',
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().outcome).toBe('retender');
    const exception = await tradingDb(svc.store.db)
      .selectFrom('tenderException')
      .selectAll()
      .where('id', '=', again.json().exceptionId)
      .executeTakeFirstOrThrow();
    expect(exception).toMatchObject({ sectionId: fx.section.sectionId, kind: 'failed', ruleId: 'C8' });
    expect(await outboxCodes(fx)).toContain('517');
  });

  it('revokes an award the winner did not sign, awards the next candidate under C8, and keeps the bond forfeitable (条例 55, 74)', async () => {
    const fx = await aSectionWithFinalReport(svc);
    const [first, second, third] = [fx.bidders[0]!, fx.bidders[1]!, fx.bidders[2]!];
    expect((await call('POST', fx.tenderer, award(fx, '/publicity'), {})).statusCode).toBe(200);
    moveTo(at(fx, 4, '09:00'));
    const revoke = (who: User, body: object) => call('POST', who, award(fx, '/revocation'), body);
    expect((await revoke(fx.tenderer, { ground: 'not_signed', evidence: '无中标' })).statusCode).toBe(409);
    const awarded = await call('POST', fx.tenderer, award(fx), { bidId: first.bidId });
    expect(awarded.statusCode, awarded.body).toBe(200);

    moveTo(at(fx, 6, '10:00'));
    const evidence = '催告函（第6日）送达后中标人拒绝签订合同';
    expect((await revoke(first, { ground: 'not_signed', evidence })).statusCode).toBe(403);
    expect((await revoke(fx.tenderer, { ground: 'forgot', evidence })).statusCode).toBe(400);
    expect((await revoke(fx.tenderer, { ground: 'not_signed', evidence: ' ' })).statusCode).toBe(400);
    const revoked = await revoke(fx.tenderer, { ground: 'not_signed', evidence });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({
      ground: 'not_signed',
      evidence,
      revokedAt: svc.clock.now().toISOString(),
      award: { bidId: first.bidId, rule: 'C8' },
    });
    expect((await revoke(fx.tenderer, { ground: 'gave_up', evidence })).statusCode).toBe(409);
    const standing = await tradingDb(svc.store.db)
      .selectFrom('awardCandidateStanding')
      .selectAll()
      .where('bidId', '=', first.bidId)
      .executeTakeFirstOrThrow();
    expect(standing).toMatchObject({ standing: 'failed_to_perform', evidence });

    moveTo(at(fx, 7, '09:00'));
    expectRule(await call('POST', fx.tenderer, award(fx), { bidId: third.bidId }), /第55条/);
    const next = await call('POST', fx.tenderer, award(fx), { bidId: second.bidId });
    expect(next.statusCode, next.body).toBe(200);
    expect(next.json().award).toMatchObject({ bidId: second.bidId, rule: 'C8' });

    const noticesOf = async (who: User, kind: string) =>
      (await call('GET', who, `/api/notices?kind=${kind}`)).json().items as { body: string }[];
    expect((await noticesOf(second, 'award_notice')).map((n) => n.body)).toEqual([
      next.json().award.noticeBody,
    ]);
    const revocationNotices = await noticesOf(first, 'award_revoked');
    expect(revocationNotices).toHaveLength(1);
    expect(revocationNotices[0]!.body).toMatch(/不与招标人订立合同[\s\S]*第74条/);
    expect((await call('GET', first, `/api/bids/${first.bidId}/award-result`)).json()).toMatchObject({
      outcome: 'not_won',
      notice: { kind: 'award_result' },
    });
    expect((await call('GET', second, `/api/bids/${second.bidId}/award-result`)).json()).toMatchObject({
      outcome: 'won',
      notice: { kind: 'award_notice' },
    });

    let view = await timeline(fx);
    expect(stepOf(view.steps, 'award_revoked', first.bidId)).toMatchObject({
      status: 'done',
      doneAt: revoked.json().revokedAt,
    });
    expect(stepOf(view.steps, 'award').status).toBe('done');
    // T8 runs from the new award notice (day 7), not the revoked one (day 4).
    expect(stepOf(view.steps, 'contract')).toMatchObject({ status: 'pending', daysLeft: 30 });

    const contract = await svc.app.inject({
      method: 'POST',
      url: `${award(fx, '/contract')}?filename=${encodeURIComponent('合同.pdf')}&amountFen=100000000&signedAt=${encodeURIComponent(svc.clock.now().toISOString())}`,
      headers: { ...auth(await tokenOf(svc, fx.tenderer)), 'content-type': 'application/octet-stream' },
      payload: Buffer.from('contract signed with the second candidate'),
    });
    expect(contract.statusCode, contract.body).toBe(200);
    const afterContract = await revoke(fx.tenderer, { ground: 'gave_up', evidence: '中标人书面放弃' });
    expect(afterContract.statusCode).toBe(409);
    expect(errorOf(afterContract).code).toBe('INVALID_STATE');

    view = await timeline(fx);
    const bonds = new Map(
      (
        view.bondRefunds as {
          bidId: string;
          trigger: string | null;
          forfeitable: { ground: string } | null;
          step: Step;
        }[]
      ).map((b) => [b.bidId, b]),
    );
    expect(bonds.get(first.bidId)).toMatchObject({
      trigger: null,
      forfeitable: { ground: 'not_signed' },
      step: { status: 'not_required' },
    });
    expect(bonds.get(second.bidId)).toMatchObject({ trigger: 'contract_signed', forfeitable: null });
    moveTo(at(fx, 20, '09:00'));
    expect((await timeline(fx)).overdueRefunds).not.toContain(first.bidId);

    const audit = await tradingDb(svc.store.db)
      .selectFrom('auditEvent')
      .select(['action', 'objectId'])
      .where('action', '=', 'award.revoked')
      .where('objectId', '=', fx.section.sectionId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(await outboxCodes(fx)).toEqual(['510', '511', '513', '513', '513', '512']);
    const revocationEvent = await tradingDb(svc.store.db)
      .selectFrom('outbox')
      .select(['eventType', 'payload'])
      .where('aggregateId', '=', fx.section.sectionId)
      .where('eventType', '=', 'award.result_revoked')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(revocationEvent.payload)).toMatchObject({ revoked: true, ground: 'not_signed' });
  });

  it('audits every step of the award', async () => {
    const events = await tradingDb(svc.store.db)
      .selectFrom('auditEvent')
      .select('action')
      .where('action', 'like', 'award.%')
      .execute();
    const actions = new Set(events.map((e) => e.action));
    for (const action of [
      'award.candidates_published',
      'award.objection_raised',
      'award.objection_answered',
      'award.candidate_standing_recorded',
      'award.awarded',
      'award.contract_recorded',
      'award.supervisor_reported',
      'award.bond_refunded',
      'award.revoked',
    ]) {
      expect(actions).toContain(action);
    }
  });
});
