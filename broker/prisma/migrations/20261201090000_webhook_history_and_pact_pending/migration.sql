-- Triggered webhooks outlive their webhook (the Pact Broker keeps them and their logs when a webhook is
-- deleted): the foreign key sets null and the webhook's uuid is kept on the row. Verification events
-- record their verification, so its triggered webhooks can be listed.
-- DropForeignKey
ALTER TABLE "triggered_webhooks" DROP CONSTRAINT "triggered_webhooks_webhook_id_fkey";

-- AlterTable
ALTER TABLE "triggered_webhooks" ADD COLUMN     "verification_id" INTEGER,
ADD COLUMN     "webhook_uuid" TEXT,
ALTER COLUMN "webhook_id" DROP NOT NULL;

UPDATE "triggered_webhooks" t SET "webhook_uuid" = w."uuid" FROM "webhooks" w WHERE w."id" = t."webhook_id";

ALTER TABLE "triggered_webhooks" ALTER COLUMN "webhook_uuid" SET NOT NULL;

-- AlterTable: whether the pact was pending for the provider version when it was verified (badges show "failed (pending)").
ALTER TABLE "verifications" ADD COLUMN     "pact_pending" BOOLEAN;

-- CreateIndex
CREATE INDEX "triggered_webhooks_verification_id_idx" ON "triggered_webhooks"("verification_id");

-- AddForeignKey
ALTER TABLE "triggered_webhooks" ADD CONSTRAINT "triggered_webhooks_webhook_id_fkey" FOREIGN KEY ("webhook_id") REFERENCES "webhooks"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "triggered_webhooks" ADD CONSTRAINT "triggered_webhooks_verification_id_fkey" FOREIGN KEY ("verification_id") REFERENCES "verifications"("id") ON DELETE CASCADE ON UPDATE CASCADE;
