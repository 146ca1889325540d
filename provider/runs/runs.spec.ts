import { expect } from 'chai';
import request from 'supertest';
import { useBackend } from '../testing/backend-test-context.ts';
import { MAX_PAGE_SIZE } from './runs.router.ts';

describe('backend: GET /api/game/runs', () => {
  const backend = useBackend();

  async function createRuns(count: number): Promise<string[]> {
    const session = await backend.factories.session();
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const run = await backend.factories.run({
        sessionId: session.id,
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      });
      ids.push(run.id);
    }
    return ids.reverse(); // newest first
  }

  it('returns a page of runs, newest first, with pagination', async () => {
    const ids = await createRuns(12);
    const res = await request(backend.server).get('/api/game/runs?page=2&page_size=5').expect(200);
    expect(res.body.status).to.equal('success');
    expect(res.body.pagination).to.deep.equal({ current_page: 2, page_size: 5, total_items: 12, total_pages: 3 });
    expect(res.body.data.runs.map((run: { run_id: string }) => run.run_id)).to.deep.equal(ids.slice(5, 10));
  });

  it('with no runs, page 1 is empty and there are zero pages', async () => {
    const res = await request(backend.server).get('/api/game/runs?page=1&page_size=5').expect(200);
    expect(res.body.data.runs).to.deep.equal([]);
    expect(res.body.pagination).to.deep.equal({ current_page: 1, page_size: 5, total_items: 0, total_pages: 0 });
  });

  it('defaults to page 1 of 20', async () => {
    await createRuns(3);
    const res = await request(backend.server).get('/api/game/runs').expect(200);
    expect(res.body.pagination).to.include({ current_page: 1, page_size: 20, total_items: 3, total_pages: 1 });
  });

  it('a page past the end is empty but keeps the totals', async () => {
    await createRuns(3);
    const res = await request(backend.server).get('/api/game/runs?page=9&page_size=2').expect(200);
    expect(res.body.data.runs).to.deep.equal([]);
    expect(res.body.pagination).to.include({ total_items: 3, total_pages: 2 });
  });

  it(`when page_size is above ${MAX_PAGE_SIZE}, returns 400 saying the bound`, async () => {
    const res = await request(backend.server)
      .get(`/api/game/runs?page_size=${MAX_PAGE_SIZE + 1}`)
      .expect(400);
    expect(res.body.message).to.contain(`page_size must be at most ${MAX_PAGE_SIZE}`);
  });
});
