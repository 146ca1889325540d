import { expect } from 'chai';
import { loadRouterConfig } from './config.ts';

describe('router configuration', () => {
  it('defaults: port 59000, the backend on localhost:59002', () => {
    expect(loadRouterConfig({})).to.deep.equal({
      port: 59000,
      host: '0.0.0.0',
      backendUrl: 'http://localhost:59002',
      logLevel: 'info',
      timeouts: { proxyMs: 10_000, healthMs: 2_000 },
      trustedProxies: [],
    });
  });

  it('reads every variable, and drops a trailing slash from the backend URL', () => {
    const config = loadRouterConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      BACKEND_URL: 'http://backend.internal:9000/',
      LOG_LEVEL: 'warn',
      BACKEND_TIMEOUT_MS: '1500',
      HEALTH_TIMEOUT_MS: '250',
      TRUSTED_PROXIES: '10.0.0.0/8, loopback,,fd00::1',
    });
    expect(config).to.deep.equal({
      port: 8080,
      host: '127.0.0.1',
      backendUrl: 'http://backend.internal:9000',
      logLevel: 'warn',
      timeouts: { proxyMs: 1500, healthMs: 250 },
      trustedProxies: ['10.0.0.0/8', 'loopback', 'fd00::1'],
    });
  });

  it('refuses bad values, naming each variable', () => {
    expect(() => loadRouterConfig({ BACKEND_URL: 'localhost:59002', PORT: '70000', BACKEND_TIMEOUT_MS: '0' })).to.throw(
      /Invalid router configuration: .*PORT.*BACKEND_URL: must be an http\(s\) URL.*BACKEND_TIMEOUT_MS/,
    );
    expect(() => loadRouterConfig({ BACKEND_URL: 'ftp://files.example' })).to.throw(/BACKEND_URL/);
    expect(() => loadRouterConfig({ TRUSTED_PROXIES: '10.0.0.1, proxy.example' })).to.throw(
      /TRUSTED_PROXIES: .*proxy\.example.*expected addresses or CIDR ranges/,
    );
  });
});
