-- CreateTable
CREATE TABLE "triggered_webhooks" (
    "id" SERIAL NOT NULL,
    "uuid" UUID NOT NULL,
    "webhook_id" INTEGER NOT NULL,
    "event_name" TEXT NOT NULL,
    "consumer_id" INTEGER NOT NULL,
    "provider_id" INTEGER NOT NULL,
    "consumer_version_id" INTEGER,
    "parameters" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'not_run',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "triggered_webhooks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_executions" (
    "id" SERIAL NOT NULL,
    "triggered_webhook_id" INTEGER NOT NULL,
    "success" BOOLEAN NOT NULL,
    "status" INTEGER,
    "logs" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_executions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "triggered_webhooks_uuid_key" ON "triggered_webhooks"("uuid");

-- CreateIndex
CREATE INDEX "triggered_webhooks_webhook_id_id_idx" ON "triggered_webhooks"("webhook_id", "id");

-- CreateIndex
CREATE INDEX "triggered_webhooks_consumer_id_provider_id_id_idx" ON "triggered_webhooks"("consumer_id", "provider_id", "id");

-- CreateIndex
CREATE INDEX "triggered_webhooks_consumer_version_id_idx" ON "triggered_webhooks"("consumer_version_id");

-- CreateIndex
CREATE INDEX "webhook_executions_triggered_webhook_id_id_idx" ON "webhook_executions"("triggered_webhook_id", "id");

-- AddForeignKey
ALTER TABLE "triggered_webhooks" ADD CONSTRAINT "triggered_webhooks_webhook_id_fkey" FOREIGN KEY ("webhook_id") REFERENCES "webhooks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "triggered_webhooks" ADD CONSTRAINT "triggered_webhooks_consumer_id_fkey" FOREIGN KEY ("consumer_id") REFERENCES "pacticipants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "triggered_webhooks" ADD CONSTRAINT "triggered_webhooks_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "pacticipants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_executions" ADD CONSTRAINT "webhook_executions_triggered_webhook_id_fkey" FOREIGN KEY ("triggered_webhook_id") REFERENCES "triggered_webhooks"("id") ON DELETE CASCADE ON UPDATE CASCADE;
