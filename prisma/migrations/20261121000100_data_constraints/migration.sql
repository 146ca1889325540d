-- Rules the Prisma schema language cannot state. The API validates the same rules first, so a client
-- sees a clear 4xx; these keep the data valid whatever writes to the database.

ALTER TABLE "upgrade_points"
  ADD CONSTRAINT "upgrade_points_points_non_negative" CHECK ("points" >= 0),
  ADD CONSTRAINT "upgrade_points_stats_non_negative" CHECK ("hp" >= 0 AND "atk" >= 0 AND "def" >= 0 AND "spd" >= 0),
  ADD CONSTRAINT "upgrade_points_player_id_not_empty" CHECK (length("player_id") > 0);

ALTER TABLE "owned_players"
  ADD CONSTRAINT "owned_players_legacy_id_not_empty" CHECK (length("legacy_id") > 0),
  ADD CONSTRAINT "owned_players_player_data_is_object" CHECK (jsonb_typeof("player_data") = 'object');

ALTER TABLE "runs"
  ADD CONSTRAINT "runs_party_is_object" CHECK (jsonb_typeof("party") = 'object'),
  ADD CONSTRAINT "runs_map_is_object" CHECK (jsonb_typeof("map") = 'object');

ALTER TABLE "gacha_items"
  ADD CONSTRAINT "gacha_items_rarity_range" CHECK ("rarity" BETWEEN 1 AND 5),
  ADD CONSTRAINT "gacha_items_item_type_known" CHECK ("item_type" IN ('character', 'weapon', 'relic'));

ALTER TABLE "gacha_rolls"
  ADD CONSTRAINT "gacha_rolls_roll_type_known" CHECK ("roll_type" IN ('standard', 'premium')),
  ADD CONSTRAINT "gacha_rolls_player_id_not_empty" CHECK (length("player_id") > 0);

ALTER TABLE "gacha_roll_items"
  ADD CONSTRAINT "gacha_roll_items_position_non_negative" CHECK ("position" >= 0);
