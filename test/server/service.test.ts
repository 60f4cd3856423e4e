import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORMS } from '../../src/domain/roles.ts';
import { aCreditCode } from '../support/factories.ts';
import { DIALECTS } from '../support/stores.ts';
import { errorOf, PASSWORD, startTestService, type TestService } from '../support/services.ts';

describe.each(DIALECTS)('platform service over HTTP on %s', (dialect) => {
  let service: TestService;
  let operator: { token: string; organisationId: string };
  let bidder: { token: string; organisationId: string };
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    service = await startTestService('trading', dialect);
    operator = await service.userWithRoles(['platform_operator'], 'operator');
    bidder = await service.userWithRoles(['bidder'], 'bidder');
  });
  afterAll(() => service.close());

  it('answers health, readiness, OpenAPI and the human-readable API page', async () => {
    expect((await service.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await service.app.inject('/readyz')).json()).toEqual({ status: 'ready', database: dialect });
    const openapi = (await service.app.inject('/openapi.json')).json();
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/organisations', '/api/audit-events']),
    );
    const docs = await service.app.inject('/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/text\/html/);
  });

  it('tags every response with a request id, echoing a valid incoming one', async () => {
    const response = await service.app.inject({ url: '/healthz', headers: { 'x-request-id': 'trace-42' } });
    expect(response.headers['x-request-id']).toBe('trace-42');
    expect((await service.app.inject('/healthz')).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('401 carries a stable code and a message in the language asked for', async () => {
    const zh = await service.app.inject({ url: '/api/organisations' });
    expect(zh.statusCode).toBe(401);
    expect(errorOf(zh)).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' });
    const en = await service.app.inject({
      url: '/api/organisations',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(errorOf(en)).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Please sign in first' });
    const bogus = await service.app.inject({ url: '/api/organisations', headers: auth('not-a-token') });
    expect(errorOf(bogus).code).toBe('UNAUTHENTICATED');
  });

  it('403 carries a code and names the role needed', async () => {
    const response = await service.app.inject({ url: '/api/organisations', headers: auth(bidder.token) });
    expect(response.statusCode).toBe(403);
    expect(errorOf(response)).toMatchObject({
      code: 'FORBIDDEN',
      message: '无权执行此操作（需要角色：交易平台运营机构）',
    });
    const en = await service.app.inject({
      url: '/api/users',
      headers: { ...auth(bidder.token), 'accept-language': 'en' },
    });
    expect(errorOf(en).message).toBe('You are not allowed to do this (requires role: platform_operator)');
  });

  it('refuses an invalid credit code with the wrong character named, and stores nothing', async () => {
    const before = (
      await service.app.inject({ url: '/api/audit-events', headers: auth(operator.token) })
    ).json().total;
    const valid = aCreditCode();
    const wrong = valid.slice(0, 17) + (valid[17] === 'A' ? 'B' : 'A');
    const response = await service.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: auth(operator.token),
      payload: { creditCode: wrong, name: '错误代码公司' },
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response)).toMatchObject({
      code: 'CREDIT_CODE_CHECK',
      message: `统一社会信用代码第 18 位校验码有误：应为“${valid[17]}”，实为“${wrong[17]}”`,
      details: [{ path: 'creditCode', code: 'CREDIT_CODE_CHECK' }],
    });
    const list = await service.app.inject({
      url: `/api/organisations?q=${encodeURIComponent('错误代码')}`,
      headers: auth(operator.token),
    });
    expect(list.json().total).toBe(0);
    expect(
      (await service.app.inject({ url: '/api/audit-events', headers: auth(operator.token) })).json().total,
    ).toBe(before);
  });

  it('validates request bodies and queries with field paths', async () => {
    const response = await service.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: { ...auth(operator.token), 'accept-language': 'en' },
      payload: { name: 5 },
    });
    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details?.map((d) => d.path)).toEqual(
      expect.arrayContaining(['body.creditCode', 'body.name']),
    );
    const query = await service.app.inject({
      url: '/api/organisations?pageSize=5000',
      headers: auth(operator.token),
    });
    expect(errorOf(query).details?.[0]?.path).toBe('querystring.pageSize');
    const badJson = await service.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{not json',
    });
    expect(badJson.statusCode).toBe(400);
    expect(errorOf(badJson).code).toBe('VALIDATION_FAILED');
  });

  it('unknown routes get a coded 404', async () => {
    const response = await service.app.inject({ url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(errorOf(response)).toMatchObject({
      code: 'ROUTE_NOT_FOUND',
      message: '接口不存在：GET /api/nothing-here',
    });
  });

  it('registers an organisation and a user, audited with the network address and user agent', async () => {
    const created = await service.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: { ...auth(operator.token), 'user-agent': 'browser/1.0' },
      remoteAddress: '198.51.100.23',
      payload: { creditCode: aCreditCode().toLowerCase(), name: '闽侯路桥有限公司', region: '福州' },
    });
    expect(created.statusCode).toBe(201);
    const organisation = created.json();
    expect(organisation.creditCode).toMatch(/^[0-9A-Z]{18}$/);
    const user = await service.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: auth(operator.token),
      payload: {
        username: 'minhou',
        displayName: '闽侯',
        password: PASSWORD,
        roles: ['bidder'],
        organisationId: organisation.id,
      },
    });
    expect(user.statusCode).toBe(201);
    expect(user.json()).toMatchObject({ organisationName: '闽侯路桥有限公司', roles: ['bidder'] });

    const audit = await service.app.inject({
      url: `/api/audit-events?objectType=organisation&objectId=${organisation.id}`,
      headers: auth(operator.token),
    });
    expect(audit.json().items).toEqual([
      expect.objectContaining({
        action: 'organisation.registered',
        actorUsername: 'operator',
        ip: '198.51.100.23',
        userAgent: 'browser/1.0',
      }),
    ]);
  });

  it('logs in, shows the session user, logs out and refuses the old token', async () => {
    const login = await service.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'bidder', password: PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    const { token, user } = login.json();
    expect(user).toMatchObject({
      username: 'bidder',
      roles: ['bidder'],
      organisation: { id: bidder.organisationId },
    });
    expect(
      (await service.app.inject({ url: '/api/auth/me', headers: auth(token) })).json().user.username,
    ).toBe('bidder');
    expect(
      (await service.app.inject({ method: 'POST', url: '/api/auth/logout', headers: auth(token) }))
        .statusCode,
    ).toBe(204);
    const after = await service.app.inject({ url: '/api/auth/me', headers: auth(token) });
    expect(after.statusCode).toBe(401);
  });

  it('a wrong password is refused with INVALID_CREDENTIALS and audited as a failed log-in', async () => {
    const response = await service.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'bidder', password: 'wrong-pass1' },
    });
    expect(response.statusCode).toBe(401);
    expect(errorOf(response)).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
    const unknown = await service.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'wrong-pass1' },
    });
    expect(errorOf(unknown).code).toBe('INVALID_CREDENTIALS');
    const audit = await service.app.inject({
      url: '/api/audit-events?action=auth.login_failed',
      headers: auth(operator.token),
    });
    expect(audit.json().total).toBe(2);
  });

  it('sessions expire by the injected clock', async () => {
    const login = await service.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'bidder', password: PASSWORD },
    });
    const { token } = login.json();
    service.clock.advance(13 * 3_600_000);
    const response = await service.app.inject({ url: '/api/auth/me', headers: auth(token) });
    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe('SESSION_EXPIRED');
    service.clock.advance(-13 * 3_600_000);
  });

  it('lets a user read its own organisation but not another one; the operator reads any', async () => {
    const own = await service.app.inject({
      url: `/api/organisations/${bidder.organisationId}`,
      headers: auth(bidder.token),
    });
    expect(own.statusCode).toBe(200);
    expect(own.json().id).toBe(bidder.organisationId);
    const other = await service.app.inject({
      url: `/api/organisations/${operator.organisationId}`,
      headers: auth(bidder.token),
    });
    expect(other.statusCode).toBe(403);
    expect(errorOf(other)).toMatchObject({ code: 'FORBIDDEN', message: '无权操作其他单位的数据' });
    const byOperator = await service.app.inject({
      url: `/api/organisations/${bidder.organisationId}`,
      headers: auth(operator.token),
    });
    expect(byOperator.statusCode).toBe(200);
    const missing = await service.app.inject({
      url: '/api/organisations/nope',
      headers: auth(operator.token),
    });
    expect(errorOf(missing).code).toBe('ORGANISATION_NOT_FOUND');
  });

  it('a disabled user loses its sessions and cannot log in again', async () => {
    const victim = await service.userWithRoles(['expert'], 'expert9');
    const disabled = await service.app.inject({
      method: 'POST',
      url: `/api/users/${victim.userId}/disable`,
      headers: auth(operator.token),
    });
    expect(disabled.statusCode).toBe(200);
    const me = await service.app.inject({ url: '/api/auth/me', headers: auth(victim.token) });
    expect(errorOf(me).code).toBe('USER_DISABLED');
    const login = await service.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'expert9', password: PASSWORD },
    });
    expect(errorOf(login)).toMatchObject({ code: 'USER_DISABLED' });
    const self = await service.app.inject({
      method: 'POST',
      url: `/api/users/${victim.userId}/disable`,
      headers: auth(victim.token),
    });
    expect(self.statusCode).toBe(403);
  });

  it('reports its clock', async () => {
    const info = (await service.app.inject('/api/system/info')).json();
    expect(info).toMatchObject({
      service: 'trading',
      clock: { mode: 'test', factor: 1, now: '2026-03-02T01:00:00.000Z' },
    });
  });
});

describe('every platform service', () => {
  it.each(PLATFORMS)(
    '%s declares an access rule on every route and only allows its own roles',
    async (platform) => {
      const service = await startTestService(platform, 'sqlite');
      try {
        const routes = service.app.printRoutes({ commonPrefix: false });
        expect(routes).toContain('/api/auth/login');
        const foreignRole = platform === 'trading' ? 'supervisor' : 'bidder';
        await expect(service.userWithRoles([foreignRole])).rejects.toMatchObject({
          code: 'ROLE_NOT_ON_PLATFORM',
        });
        const info = (await service.app.inject('/api/system/info')).json();
        expect(info.service).toBe(platform);
      } finally {
        await service.close();
      }
    },
  );
});
