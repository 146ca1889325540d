// What the backend's game API takes and returns (see README "The backend API"). These are the shapes
// the router's callers rely on; the consumer pact tests pin the same shapes against the backend.

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** GET /health */
export interface BackendHealth {
  status: 'healthy' | 'degraded';
  service?: string;
  version?: string;
  uptime_seconds?: number;
  checks?: { database?: { connected: boolean; latency_ms: number; error?: string } };
}

/** GET /api/ (answered without the envelope, for older callers) */
export interface ApiStatus {
  flavor: string;
  status: string;
  database_connected: boolean;
}

export interface Session {
  session_id: string;
  created_at: string;
}

export interface SessionWithRuns extends Session {
  run_ids: string[];
}

export interface StartRunRequest {
  party: JsonObject;
  map: JsonObject;
}

export interface Run {
  run_id: string;
  session_id: string;
  party: JsonObject;
  map: JsonObject;
  created_at: string;
}

export interface OwnedPlayer {
  player_id: string;
  player_data: JsonObject;
  owned_at: string;
  updated_at: string;
}

export interface OwnedPlayerList {
  players: string[];
  count: number;
}

export type RollType = 'standard' | 'premium';

export interface GachaRollRequest {
  player_id: string;
  type: RollType;
  count?: 1 | 10;
}

export interface GachaItem {
  item_id: string;
  name: string;
  type: string;
  rarity: number;
}

export interface GachaRoll {
  roll_id: string;
  player_id: string;
  type: RollType;
  items: GachaItem[];
  created_at: string;
}

export interface GachaItemList {
  items: GachaItem[];
  count: number;
}

export type Stat = 'hp' | 'atk' | 'def' | 'spd';

export type Upgrades = { player_id: string; points: number } & Record<Stat, number>;

export interface ApplyUpgradesRequest {
  points_delta?: number;
  stat_upgrades?: Partial<Record<Stat, number>>;
}

export interface Pagination {
  current_page: number;
  page_size: number;
  total_items: number;
  total_pages: number;
}

export interface RunPage {
  runs: Run[];
  pagination: Pagination;
}

export interface PageRequest {
  page?: number;
  page_size?: number;
}
