import type { PrismaClient } from '../prisma-client.ts';
import { classifyDatabaseError } from '../../db/database-errors.ts';
import { NotFoundError } from '../domain-errors.ts';
import { isUuid } from '../ids.ts';
import type { JsonObject } from '../../common/json.ts';
import type { RunView, SessionView, SessionWithRunsView } from './sessions.schemas.ts';

export type { RunView, SessionView } from './sessions.schemas.ts';

type RunRow = { id: string; sessionId: string; party: unknown; map: unknown; createdAt: Date };
type RunSqlRow = { id: string; session_id: string; party: unknown; map: unknown; created_at: Date };

export function toRunView(run: RunRow): RunView {
  return {
    run_id: run.id,
    session_id: run.sessionId,
    party: run.party as JsonObject,
    map: run.map as JsonObject,
    created_at: run.createdAt.toISOString(),
  };
}

export class SessionsService {
  constructor(private readonly prisma: PrismaClient) {}

  async createSession(): Promise<SessionView> {
    const session = await this.prisma.gameSession.create({ data: {} });
    return { session_id: session.id, created_at: session.createdAt.toISOString() };
  }

  async getSession(sessionId: string): Promise<SessionWithRunsView> {
    const session = isUuid(sessionId)
      ? await this.prisma.gameSession.findUnique({
          where: { id: sessionId },
          include: { runs: { select: { id: true }, orderBy: { createdAt: 'asc' } } },
        })
      : null;
    if (!session) throw new NotFoundError('Session not found');
    return {
      session_id: session.id,
      created_at: session.createdAt.toISOString(),
      run_ids: session.runs.map((run) => run.id),
    };
  }

  async startRun(sessionId: string, party: JsonObject, map: JsonObject): Promise<RunView> {
    if (!isUuid(sessionId)) throw new NotFoundError('Session not found');
    try {
      // Raw SQL, not prisma.run.create: Prisma's JSON input path silently drops keys named "__proto__",
      // and party and map must come back exactly as sent.
      const [row] = await this.prisma.$queryRaw<RunSqlRow[]>`
        INSERT INTO runs (session_id, party, map)
        VALUES (${sessionId}::uuid, ${JSON.stringify(party)}::jsonb, ${JSON.stringify(map)}::jsonb)
        RETURNING id, session_id, party, map, created_at`;
      if (!row) throw new Error('INSERT ... RETURNING returned no row');
      return toRunView({
        id: row.id,
        sessionId: row.session_id,
        party: row.party,
        map: row.map,
        createdAt: row.created_at,
      });
    } catch (error) {
      // The session vanished or never existed: the foreign key says so atomically.
      if (classifyDatabaseError(error) === 'foreign_key_violation') throw new NotFoundError('Session not found');
      throw error;
    }
  }

  async getRun(sessionId: string, runId: string): Promise<RunView> {
    if (!isUuid(sessionId)) throw new NotFoundError('Session not found');
    if (!isUuid(runId)) throw new NotFoundError('Run not found');
    const run = await this.prisma.run.findFirst({ where: { id: runId, sessionId } });
    if (run) return toRunView(run);
    const session = await this.prisma.gameSession.findUnique({ where: { id: sessionId }, select: { id: true } });
    throw new NotFoundError(session ? 'Run not found' : 'Session not found');
  }
}
