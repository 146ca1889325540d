// A typed client for every endpoint of the backend's game API, on axios. The router's own features
// (health) use it, and it is exported for the router's callers. Every answer is parsed with the
// endpoint's schema (endpoints.ts): success envelopes are unwrapped to their `data`; error envelopes,
// missing answers and answers the client does not understand become the typed errors of errors.ts.
import type { Agent } from 'node:http';
import axios, { AxiosError, type AxiosInstance, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import type { z } from 'zod';
import { REQUEST_ID_HEADER } from '../../common/http/request-id.ts';
import { BackendProtocolError, BackendUnavailableError, describeConnectionFailure, responseError } from './errors.ts';
import { backendEndpoints as api } from './endpoints.ts';
import { errorEnvelopeSchema } from './schemas.ts';
import type {
  ApiStatus,
  ApplyUpgradesRequest,
  BackendHealth,
  GachaItemList,
  GachaRoll,
  GachaRollRequest,
  JsonObject,
  OwnedPlayer,
  OwnedPlayerList,
  PageRequest,
  Run,
  RunPage,
  Session,
  SessionWithRuns,
  StartRunRequest,
  Upgrades,
} from './types.ts';

export interface BackendClientOptions {
  /** e.g. http://localhost:59002 */
  baseUrl: string;
  /** A call with no answer for this long fails with BackendUnavailableError('timeout'). */
  timeoutMs?: number;
  /** Share the router's keep-alive agent, say. */
  httpAgent?: Agent;
}

/** Per call: the request id to send on (so one id follows a request through both services). */
export interface CallOptions {
  requestId?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

const path = (...segments: string[]) => segments.map(encodeURIComponent).join('/');

export class BackendClient {
  private readonly http: AxiosInstance;

  constructor(options: BackendClientOptions) {
    this.http = axios.create({
      baseURL: options.baseUrl.replace(/\/+$/, ''),
      timeout: options.timeoutMs ?? 10_000,
      httpAgent: options.httpAgent,
      headers: { Accept: 'application/json' },
      maxRedirects: 0,
      // Every status is an answer to read: the envelope decides success or which typed error.
      validateStatus: () => true,
      transitional: { clarifyTimeoutError: true, silentJSONParsing: true },
    });
  }

  // --- service ---

  health(options?: CallOptions): Promise<BackendHealth> {
    return this.data(api.health.responses[200].body, { method: 'GET', url: '/health' }, options);
  }

  /** GET /api/: the one answer without the envelope. */
  apiStatus(options?: CallOptions): Promise<ApiStatus> {
    return this.answer(api.apiStatus.responses[200].body, { method: 'GET', url: '/api/' }, options);
  }

  // --- sessions and runs ---

  createSession(options?: CallOptions): Promise<Session> {
    return this.data(api.createSession.responses[201].body, { method: 'POST', url: '/api/game/session' }, options);
  }

  getSession(sessionId: string, options?: CallOptions): Promise<SessionWithRuns> {
    const url = `/api/game/session/${path(sessionId)}`;
    return this.data(api.getSession.responses[200].body, { method: 'GET', url }, options);
  }

  startRun(sessionId: string, run: StartRunRequest, options?: CallOptions): Promise<Run> {
    const url = `/api/game/session/${path(sessionId)}/run`;
    return this.data(api.startRun.responses[201].body, { method: 'POST', url, data: run }, options);
  }

  getRun(sessionId: string, runId: string, options?: CallOptions): Promise<Run> {
    const url = `/api/game/session/${path(sessionId, 'run', runId)}`;
    return this.data(api.getRun.responses[200].body, { method: 'GET', url }, options);
  }

  /** Newest first. */
  async listRuns(page: PageRequest = {}, options?: CallOptions): Promise<RunPage> {
    const body = await this.answer(
      api.listRuns.responses[200].body,
      { method: 'GET', url: '/api/game/runs', params: page },
      options,
    );
    return { runs: body.data.runs, pagination: body.pagination };
  }

  // --- players ---

  /** Owns a player (201), or replaces the data of one already owned (200): the same answer either way. */
  ownPlayer(playerId: string, playerData: JsonObject, options?: CallOptions): Promise<OwnedPlayer> {
    const url = `/api/game/players/${path(playerId)}/own`;
    return this.data(
      api.ownPlayer.responses[201].body,
      { method: 'POST', url, data: { player_data: playerData } },
      options,
    );
  }

  /** Oldest first. */
  listOwnedPlayers(options?: CallOptions): Promise<OwnedPlayerList> {
    const url = '/api/game/players/owned';
    return this.data(api.listOwnedPlayers.responses[200].body, { method: 'GET', url }, options);
  }

  getUpgrades(playerId: string, options?: CallOptions): Promise<Upgrades> {
    const url = `/api/game/players/${path(playerId)}/upgrades`;
    return this.data(api.getUpgrades.responses[200].body, { method: 'GET', url }, options);
  }

  applyUpgrades(playerId: string, change: ApplyUpgradesRequest, options?: CallOptions): Promise<Upgrades> {
    const url = `/api/game/players/${path(playerId)}/upgrades`;
    return this.data(api.applyUpgrades.responses[200].body, { method: 'POST', url, data: change }, options);
  }

  // --- gacha ---

  roll(request: GachaRollRequest, options?: CallOptions): Promise<GachaRoll> {
    const url = '/api/game/gacha/roll';
    return this.data(api.roll.responses[201].body, { method: 'POST', url, data: request }, options);
  }

  listGachaItems(query: { limit?: number } = {}, options?: CallOptions): Promise<GachaItemList> {
    const url = '/api/game/gacha/items';
    return this.data(api.listGachaItems.responses[200].body, { method: 'GET', url, params: query }, options);
  }

  // --- plumbing ---

  /** The success envelope's `data`. */
  private async data<Data>(
    envelope: z.ZodType<{ data: Data }>,
    config: AxiosRequestConfig,
    options?: CallOptions,
  ): Promise<Data> {
    return (await this.answer(envelope, config, options)).data;
  }

  /** A successful answer, parsed with its schema; throws the typed error otherwise. */
  private async answer<Body>(
    schema: z.ZodType<Body>,
    config: AxiosRequestConfig,
    options?: CallOptions,
  ): Promise<Body> {
    const response = await this.send(config, options);
    const parsed = schema.safeParse(response.data);
    if (parsed.success) return parsed.data;
    throw new BackendProtocolError(
      response.status,
      `${config.method} ${config.url} answered a body the client does not understand (${describeIssues(parsed.error)})`,
    );
  }

  /** One HTTP exchange: error envelopes and non-answers are thrown as typed errors. */
  private async send(config: AxiosRequestConfig, options: CallOptions = {}): Promise<AxiosResponse<unknown>> {
    let response: AxiosResponse<unknown>;
    try {
      response = await this.http.request<unknown>({
        ...config,
        ...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        headers: options.requestId ? { [REQUEST_ID_HEADER]: options.requestId } : {},
      });
    } catch (error) {
      throw unavailable(error);
    }
    if (response.status >= 400) {
      const envelope = errorEnvelopeSchema.safeParse(response.data);
      if (envelope.success) throw responseError(response.status, envelope.data);
      throw new BackendProtocolError(
        response.status,
        `${config.method} ${config.url} failed without the error envelope`,
      );
    }
    return response;
  }
}

/** The first few problems zod found, as `data.run_id: expected string` (enough to find the field). */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || 'body'}: ${issue.message}`)
    .join('; ');
}

function unavailable(error: unknown): unknown {
  // A caller's own cancellation (signal) is theirs to handle, not a statement about the backend.
  if (!(error instanceof AxiosError) || error.response || axios.isCancel(error)) return error;
  if (error.code === AxiosError.ETIMEDOUT || error.code === AxiosError.ECONNABORTED) {
    return new BackendUnavailableError('timeout', 'no answer in time', { cause: error });
  }
  return new BackendUnavailableError('unreachable', describeConnectionFailure(error), { cause: error });
}
