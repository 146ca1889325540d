// A typed client for every endpoint of the backend's game API, on axios. The router's own features
// (health) use it, and it is exported for the router's callers. Success envelopes are unwrapped to
// their `data`; error envelopes and missing answers become the typed errors of errors.ts.
import type { Agent } from 'node:http';
import axios, { AxiosError, type AxiosInstance, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import { isErrorEnvelope } from '../../common/http/envelope.ts';
import { REQUEST_ID_HEADER } from '../../common/http/request-id.ts';
import { BackendProtocolError, BackendUnavailableError, describeConnectionFailure, responseError } from './errors.ts';
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
  Pagination,
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

type Envelope<T> = { status: 'success'; data: T };

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
    return this.data({ method: 'GET', url: '/health' }, options);
  }

  /** GET /api/: the one answer without the envelope. */
  async apiStatus(options?: CallOptions): Promise<ApiStatus> {
    const response = await this.send<ApiStatus>({ method: 'GET', url: '/api/' }, options);
    const body: unknown = response.data;
    if (typeof body !== 'object' || body === null || typeof (body as ApiStatus).status !== 'string') {
      throw new BackendProtocolError(response.status, 'GET /api/ did not answer its status document');
    }
    return body as ApiStatus;
  }

  // --- sessions and runs ---

  createSession(options?: CallOptions): Promise<Session> {
    return this.data({ method: 'POST', url: '/api/game/session' }, options);
  }

  getSession(sessionId: string, options?: CallOptions): Promise<SessionWithRuns> {
    return this.data({ method: 'GET', url: `/api/game/session/${path(sessionId)}` }, options);
  }

  startRun(sessionId: string, run: StartRunRequest, options?: CallOptions): Promise<Run> {
    return this.data({ method: 'POST', url: `/api/game/session/${path(sessionId)}/run`, data: run }, options);
  }

  getRun(sessionId: string, runId: string, options?: CallOptions): Promise<Run> {
    return this.data({ method: 'GET', url: `/api/game/session/${path(sessionId, 'run', runId)}` }, options);
  }

  /** Newest first. */
  async listRuns(page: PageRequest = {}, options?: CallOptions): Promise<RunPage> {
    const body = await this.envelope<{ runs: Run[] }, { pagination: Pagination }>(
      { method: 'GET', url: '/api/game/runs', params: page },
      options,
    );
    if (typeof body.pagination !== 'object' || body.pagination === null) {
      throw new BackendProtocolError(200, 'GET /api/game/runs answered without pagination');
    }
    return { runs: body.data.runs, pagination: body.pagination };
  }

  // --- players ---

  ownPlayer(playerId: string, playerData: JsonObject, options?: CallOptions): Promise<OwnedPlayer> {
    return this.data(
      { method: 'POST', url: `/api/game/players/${path(playerId)}/own`, data: { player_data: playerData } },
      options,
    );
  }

  listOwnedPlayers(options?: CallOptions): Promise<OwnedPlayerList> {
    return this.data({ method: 'GET', url: '/api/game/players/owned' }, options);
  }

  getUpgrades(playerId: string, options?: CallOptions): Promise<Upgrades> {
    return this.data({ method: 'GET', url: `/api/game/players/${path(playerId)}/upgrades` }, options);
  }

  applyUpgrades(playerId: string, change: ApplyUpgradesRequest, options?: CallOptions): Promise<Upgrades> {
    return this.data({ method: 'POST', url: `/api/game/players/${path(playerId)}/upgrades`, data: change }, options);
  }

  // --- gacha ---

  roll(request: GachaRollRequest, options?: CallOptions): Promise<GachaRoll> {
    return this.data({ method: 'POST', url: '/api/game/gacha/roll', data: request }, options);
  }

  listGachaItems(query: { limit?: number } = {}, options?: CallOptions): Promise<GachaItemList> {
    return this.data({ method: 'GET', url: '/api/game/gacha/items', params: query }, options);
  }

  // --- plumbing ---

  private async data<T>(config: AxiosRequestConfig, options?: CallOptions): Promise<T> {
    return (await this.envelope<T>(config, options)).data;
  }

  /** The success envelope, with any top-level extras (pagination); throws the typed error otherwise. */
  private async envelope<T, Extras extends object = object>(
    config: AxiosRequestConfig,
    options?: CallOptions,
  ): Promise<Envelope<T> & Partial<Extras>> {
    const response = await this.send<unknown>(config, options);
    const body = response.data;
    if (
      typeof body === 'object' &&
      body !== null &&
      (body as { status?: unknown }).status === 'success' &&
      'data' in body
    ) {
      return body as Envelope<T> & Partial<Extras>;
    }
    throw new BackendProtocolError(
      response.status,
      `${config.method} ${config.url} did not answer the success envelope`,
    );
  }

  /** One HTTP exchange: error envelopes and non-answers are thrown as typed errors. */
  private async send<T>(config: AxiosRequestConfig, options: CallOptions = {}): Promise<AxiosResponse<T>> {
    let response: AxiosResponse<T>;
    try {
      response = await this.http.request<T>({
        ...config,
        ...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        headers: options.requestId ? { [REQUEST_ID_HEADER]: options.requestId } : {},
      });
    } catch (error) {
      throw unavailable(error);
    }
    if (response.status >= 400) {
      if (isErrorEnvelope(response.data)) throw responseError(response.status, response.data);
      throw new BackendProtocolError(
        response.status,
        `${config.method} ${config.url} failed without the error envelope`,
      );
    }
    return response;
  }
}

function unavailable(error: unknown): unknown {
  // A caller's own cancellation (signal) is theirs to handle, not a statement about the backend.
  if (!(error instanceof AxiosError) || error.response || axios.isCancel(error)) return error;
  if (error.code === AxiosError.ETIMEDOUT || error.code === AxiosError.ECONNABORTED) {
    return new BackendUnavailableError('timeout', 'no answer in time', { cause: error });
  }
  return new BackendUnavailableError('unreachable', describeConnectionFailure(error), { cause: error });
}
