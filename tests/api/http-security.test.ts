import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { overHttp, type Harness } from './transports';

/** Raw HTTP, so Host and Origin can be set freely (fetch forbids changing them). */
function raw(port: number, path: string, headers: Record<string, string>, body = '{}', method = 'POST') {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let data = '';
      res.on('data', (c: Buffer) => (data += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data, headers: res.headers }));
    });
    req.on('error', reject);
    if (method !== 'GET') req.end(body);
    else req.end();
  });
}

describe('station server security', () => {
  let h: Harness;
  let port: number;
  let good: Record<string, string>;
  beforeEach(async () => {
    h = await overHttp();
    port = h.server!.port;
    good = { Host: `127.0.0.1:${port}`, 'Content-Type': 'application/json', Authorization: `Bearer ${h.server!.token}` };
  });
  afterEach(() => h.close());

  it('binds to loopback and prints a URL with the token in the fragment', () => {
    expect(h.server!.url).toBe(`http://127.0.0.1:${port}`);
    expect(h.server!.openUrl).toBe(`http://127.0.0.1:${port}/#token=${h.server!.token}`);
    expect(h.server!.token.length).toBeGreaterThanOrEqual(32);
  });

  it('accepts a correct request', async () => {
    const r = await raw(port, '/api/app.info', good);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true });
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('refuses a request without token or with a wrong one', async () => {
    const { Authorization: _, ...noToken } = good;
    expect((await raw(port, '/api/app.info', noToken)).status).toBe(401);
    const wrong = await raw(port, '/api/app.info', { ...good, Authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect((await raw(port, '/api/events', noToken, '', 'GET')).status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding) even with the token', async () => {
    const r = await raw(port, '/api/app.info', { ...good, Host: `evil.example:${port}` });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'forbidden', details: { reason: 'host' } } });
    expect((await raw(port, '/', { Host: 'evil.example' }, '', 'GET')).status).toBe(403);
  });

  it('refuses a foreign Origin (cross-site request) even with the token, and accepts its own', async () => {
    const foreign = await raw(port, '/api/app.info', { ...good, Origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body)).toMatchObject({ error: { details: { reason: 'origin' } } });
    expect((await raw(port, '/api/app.info', { ...good, Origin: `http://localhost:${port}` })).status).toBe(200);
    expect((await raw(port, '/api/app.info', { ...good, Origin: 'null' })).status).toBe(403);
  });

  it('answers malformed requests clearly', async () => {
    const badJson = await raw(port, '/api/app.info', good, '{not json');
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body)).toMatchObject({ ok: false, error: { code: 'bad_request', details: { reason: 'invalid_json' } } });
    expect((await raw(port, '/api/app.info', { ...good, 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await raw(port, '/api/app.info', good, '', 'GET')).status).toBe(405);
    const unknown = await raw(port, '/api/nope', good);
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ error: { code: 'unknown_method' } });
    const huge = await raw(port, '/api/app.info', good, `{"x":"${'a'.repeat(2 * 1024 * 1024)}"}`).catch(() => ({ status: 413 }));
    expect(huge.status).toBe(413);
  });

  it('pushes live updates to a subscriber of the event stream', async () => {
    const res = await fetch(`${h.server!.url}/api/events`, { headers: { Authorization: `Bearer ${h.server!.token}` } });
    expect(res.status).toBe(200);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    await h.client.call('event.openDemo');
    let text = '';
    while (!text.includes('event.changed')) text += (await reader.read()).value ?? '';
    expect(text).toContain('"Partnerfachtagung 2023"');
    await reader.cancel();
  });
});
