-- CreateTable
CREATE TABLE "provider_contracts" (
    "id" SERIAL NOT NULL,
    "provider_id" INTEGER NOT NULL,
    "provider_version_id" INTEGER NOT NULL,
    "specification" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "sha" TEXT NOT NULL,
    "self_verification_success" BOOLEAN,
    "self_verification" JSONB,
    "build_url" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "provider_contracts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "provider_contracts_provider_version_id_key" ON "provider_contracts"("provider_version_id");

-- CreateIndex
CREATE INDEX "provider_contracts_provider_id_id_idx" ON "provider_contracts"("provider_id", "id");

-- AddForeignKey
ALTER TABLE "provider_contracts" ADD CONSTRAINT "provider_contracts_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "pacticipants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "provider_contracts" ADD CONSTRAINT "provider_contracts_provider_version_id_fkey" FOREIGN KEY ("provider_version_id") REFERENCES "versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
