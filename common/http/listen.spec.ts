import { createServer, type Server } from 'node:net';
import { expect } from 'chai';
import { StartupError } from '../process/startup-error.ts';
import { explainPort, listen, PortUnavailableError } from './listen.ts';

describe('listening on a port', () => {
  let holder: Server;
  let takenPort: number;

  before(async () => {
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    takenPort = (holder.address() as { port: number }).port;
  });

  after(() => new Promise<void>((resolve) => holder.close(() => resolve())));

  it('when the port is in use, rejects with a PortUnavailableError naming the port and host', async () => {
    const error = await listen(() => undefined, takenPort, '127.0.0.1').then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).to.be.instanceOf(PortUnavailableError);
    expect((error as PortUnavailableError).message).to.equal(`port ${takenPort} on 127.0.0.1 is in use`);
  });

  it('explainPort turns it into one line naming the service and the variable that moves it', async () => {
    const error = await listen(() => undefined, takenPort, '127.0.0.1').catch((failure: unknown) =>
      explainPort(failure, 'the router', 'ROUTER_PORT'),
    );
    expect(error).to.be.instanceOf(StartupError);
    expect((error as Error).stack).to.equal(
      `the router cannot listen on 127.0.0.1:${takenPort}: the port is in use: ` +
        'stop what listens there (an earlier npm start?) or set ROUTER_PORT to a free port',
    );
  });

  it('explainPort leaves other errors as they are', () => {
    const other = new Error('something else');
    expect(explainPort(other, 'the router', 'ROUTER_PORT')).to.equal(other);
  });

  it('on a free port, listens and closes', async () => {
    const running = await listen((_req, res) => res.end('ok'));
    expect(running.port).to.be.greaterThan(0);
    expect(await (await fetch(running.url)).text()).to.equal('ok');
    await running.close();
  });
});
