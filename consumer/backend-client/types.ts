// What the backend's game API takes and returns (see README "The backend API"). The response types are
// inferred from the zod schemas in schemas.ts, which the client also parses answers with and which the
// contract's coverage guard holds against the pact; the request types are the client's own.
import type { z } from 'zod';
import type {
  apiStatusSchema,
  backendHealthSchema,
  gachaItemListSchema,
  gachaItemSchema,
  gachaRollSchema,
  ownedPlayerListSchema,
  ownedPlayerSchema,
  paginationSchema,
  rollTypeSchema,
  runSchema,
  sessionSchema,
  sessionWithRunsSchema,
  upgradesSchema,
} from './schemas.ts';

import type { JsonObject } from '../../common/json.ts';
export type { JsonObject, JsonValue } from '../../common/json.ts';

// --- answers ---

/** GET /health */
export type BackendHealth = z.infer<typeof backendHealthSchema>;

/** GET /api/ (answered without the envelope, for older callers) */
export type ApiStatus = z.infer<typeof apiStatusSchema>;

export type Session = z.infer<typeof sessionSchema>;
export type SessionWithRuns = z.infer<typeof sessionWithRunsSchema>;
export type Run = z.infer<typeof runSchema>;
export type Pagination = z.infer<typeof paginationSchema>;
export type OwnedPlayer = z.infer<typeof ownedPlayerSchema>;
export type OwnedPlayerList = z.infer<typeof ownedPlayerListSchema>;
export type RollType = z.infer<typeof rollTypeSchema>;
export type GachaItem = z.infer<typeof gachaItemSchema>;
export type GachaRoll = z.infer<typeof gachaRollSchema>;
export type GachaItemList = z.infer<typeof gachaItemListSchema>;
export type Upgrades = z.infer<typeof upgradesSchema>;
export type Stat = 'hp' | 'atk' | 'def' | 'spd';

export interface RunPage {
  runs: Run[];
  pagination: Pagination;
}

// --- requests ---

export interface StartRunRequest {
  party: JsonObject;
  map: JsonObject;
}

export interface GachaRollRequest {
  player_id: string;
  type: RollType;
  count?: 1 | 10;
}

export interface ApplyUpgradesRequest {
  points_delta?: number;
  stat_upgrades?: Partial<Record<Stat, number>>;
}

export interface PageRequest {
  page?: number;
  page_size?: number;
}
