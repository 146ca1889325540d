-- CreateTable
CREATE TABLE "game_sessions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "game_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "runs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "session_id" UUID NOT NULL,
    "party" JSONB NOT NULL,
    "map" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "owned_players" (
    "id" BIGSERIAL NOT NULL,
    "legacy_id" VARCHAR(128) NOT NULL,
    "player_data" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "owned_players_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "gacha_items" (
    "id" BIGSERIAL NOT NULL,
    "legacy_id" VARCHAR(64) NOT NULL,
    "name" VARCHAR(128) NOT NULL,
    "item_type" VARCHAR(32) NOT NULL,
    "rarity" SMALLINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "gacha_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "gacha_rolls" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "player_id" VARCHAR(128) NOT NULL,
    "roll_type" VARCHAR(32) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "gacha_rolls_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "gacha_roll_items" (
    "roll_id" UUID NOT NULL,
    "position" SMALLINT NOT NULL,
    "item_id" BIGINT NOT NULL,

    CONSTRAINT "gacha_roll_items_pkey" PRIMARY KEY ("roll_id","position")
);

-- CreateTable
CREATE TABLE "upgrade_points" (
    "player_id" VARCHAR(128) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "hp" INTEGER NOT NULL DEFAULT 0,
    "atk" INTEGER NOT NULL DEFAULT 0,
    "def" INTEGER NOT NULL DEFAULT 0,
    "spd" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "upgrade_points_pkey" PRIMARY KEY ("player_id")
);

-- CreateIndex
CREATE INDEX "runs_session_id_idx" ON "runs"("session_id");

-- CreateIndex
CREATE INDEX "runs_created_at_id_idx" ON "runs"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "owned_players_legacy_id_key" ON "owned_players"("legacy_id");

-- CreateIndex
CREATE UNIQUE INDEX "gacha_items_legacy_id_key" ON "gacha_items"("legacy_id");

-- CreateIndex
CREATE INDEX "gacha_rolls_player_id_idx" ON "gacha_rolls"("player_id");

-- CreateIndex
CREATE INDEX "gacha_roll_items_item_id_idx" ON "gacha_roll_items"("item_id");

-- AddForeignKey
ALTER TABLE "runs" ADD CONSTRAINT "runs_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "game_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gacha_roll_items" ADD CONSTRAINT "gacha_roll_items_roll_id_fkey" FOREIGN KEY ("roll_id") REFERENCES "gacha_rolls"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gacha_roll_items" ADD CONSTRAINT "gacha_roll_items_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "gacha_items"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
