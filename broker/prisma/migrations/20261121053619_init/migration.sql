-- CreateTable
CREATE TABLE "pacticipants" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "display_name" TEXT,
    "main_branch" TEXT,
    "repository_url" TEXT,
    "repository_name" TEXT,
    "repository_namespace" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pacticipants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "labels" (
    "pacticipant_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "labels_pkey" PRIMARY KEY ("pacticipant_id","name")
);

-- CreateTable
CREATE TABLE "versions" (
    "id" SERIAL NOT NULL,
    "pacticipant_id" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "build_url" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "branches" (
    "id" SERIAL NOT NULL,
    "pacticipant_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "branches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "branch_versions" (
    "branch_id" INTEGER NOT NULL,
    "version_id" INTEGER NOT NULL,
    "pacticipant_id" INTEGER NOT NULL,
    "branch_name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "branch_versions_pkey" PRIMARY KEY ("branch_id","version_id")
);

-- CreateTable
CREATE TABLE "tags" (
    "version_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "pacticipant_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tags_pkey" PRIMARY KEY ("version_id","name")
);

-- CreateTable
CREATE TABLE "integrations" (
    "consumer_id" INTEGER NOT NULL,
    "provider_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "integrations_pkey" PRIMARY KEY ("consumer_id","provider_id")
);

-- CreateTable
CREATE TABLE "pact_versions" (
    "id" SERIAL NOT NULL,
    "consumer_id" INTEGER NOT NULL,
    "provider_id" INTEGER NOT NULL,
    "sha" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "interactions_count" INTEGER NOT NULL,
    "messages_count" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pact_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pact_publications" (
    "id" SERIAL NOT NULL,
    "consumer_version_id" INTEGER NOT NULL,
    "consumer_id" INTEGER NOT NULL,
    "provider_id" INTEGER NOT NULL,
    "pact_version_id" INTEGER NOT NULL,
    "revision_number" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pact_publications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verifications" (
    "id" SERIAL NOT NULL,
    "number" INTEGER NOT NULL,
    "pact_version_id" INTEGER NOT NULL,
    "provider_version_id" INTEGER NOT NULL,
    "consumer_id" INTEGER NOT NULL,
    "provider_id" INTEGER NOT NULL,
    "success" BOOLEAN NOT NULL,
    "wip" BOOLEAN NOT NULL DEFAULT false,
    "build_url" TEXT,
    "verified_by" JSONB,
    "test_results" JSONB,
    "selectors" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "verifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "environments" (
    "id" SERIAL NOT NULL,
    "uuid" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "display_name" TEXT,
    "production" BOOLEAN NOT NULL DEFAULT false,
    "contacts" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "environments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deployed_versions" (
    "id" SERIAL NOT NULL,
    "uuid" UUID NOT NULL,
    "version_id" INTEGER NOT NULL,
    "pacticipant_id" INTEGER NOT NULL,
    "environment_id" INTEGER NOT NULL,
    "application_instance" TEXT NOT NULL DEFAULT '',
    "undeployed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "deployed_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "released_versions" (
    "id" SERIAL NOT NULL,
    "uuid" UUID NOT NULL,
    "version_id" INTEGER NOT NULL,
    "pacticipant_id" INTEGER NOT NULL,
    "environment_id" INTEGER NOT NULL,
    "support_ended_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "released_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhooks" (
    "id" SERIAL NOT NULL,
    "uuid" TEXT NOT NULL,
    "description" TEXT,
    "consumer_id" INTEGER,
    "provider_id" INTEGER,
    "consumer_label" TEXT,
    "provider_label" TEXT,
    "events" TEXT[],
    "request" JSONB NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhooks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "pacticipants_name_key" ON "pacticipants"("name");

-- CreateIndex
CREATE INDEX "labels_name_idx" ON "labels"("name");

-- CreateIndex
CREATE INDEX "versions_pacticipant_id_id_idx" ON "versions"("pacticipant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "versions_pacticipant_id_number_key" ON "versions"("pacticipant_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "branches_pacticipant_id_name_key" ON "branches"("pacticipant_id", "name");

-- CreateIndex
CREATE INDEX "branch_versions_version_id_branch_name_idx" ON "branch_versions"("version_id", "branch_name");

-- CreateIndex
CREATE INDEX "branch_versions_pacticipant_id_branch_name_version_id_idx" ON "branch_versions"("pacticipant_id", "branch_name", "version_id");

-- CreateIndex
CREATE INDEX "tags_pacticipant_id_name_version_id_idx" ON "tags"("pacticipant_id", "name", "version_id");

-- CreateIndex
CREATE INDEX "integrations_provider_id_idx" ON "integrations"("provider_id");

-- CreateIndex
CREATE UNIQUE INDEX "pact_versions_consumer_id_provider_id_sha_key" ON "pact_versions"("consumer_id", "provider_id", "sha");

-- CreateIndex
CREATE INDEX "pact_publications_provider_id_consumer_id_consumer_version__idx" ON "pact_publications"("provider_id", "consumer_id", "consumer_version_id");

-- CreateIndex
CREATE INDEX "pact_publications_pact_version_id_idx" ON "pact_publications"("pact_version_id");

-- CreateIndex
CREATE INDEX "pact_publications_provider_id_created_at_idx" ON "pact_publications"("provider_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "pact_publications_consumer_version_id_provider_id_key" ON "pact_publications"("consumer_version_id", "provider_id");

-- CreateIndex
CREATE INDEX "verifications_pact_version_id_provider_version_id_id_idx" ON "verifications"("pact_version_id", "provider_version_id", "id");

-- CreateIndex
CREATE INDEX "verifications_provider_version_id_pact_version_id_idx" ON "verifications"("provider_version_id", "pact_version_id");

-- CreateIndex
CREATE INDEX "verifications_provider_id_success_pact_version_id_idx" ON "verifications"("provider_id", "success", "pact_version_id");

-- CreateIndex
CREATE UNIQUE INDEX "verifications_pact_version_id_number_key" ON "verifications"("pact_version_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "environments_uuid_key" ON "environments"("uuid");

-- CreateIndex
CREATE UNIQUE INDEX "environments_name_key" ON "environments"("name");

-- CreateIndex
CREATE UNIQUE INDEX "deployed_versions_uuid_key" ON "deployed_versions"("uuid");

-- CreateIndex
CREATE INDEX "deployed_versions_environment_id_pacticipant_id_undeployed__idx" ON "deployed_versions"("environment_id", "pacticipant_id", "undeployed_at");

-- CreateIndex
CREATE INDEX "deployed_versions_version_id_idx" ON "deployed_versions"("version_id");

-- CreateIndex
CREATE UNIQUE INDEX "released_versions_uuid_key" ON "released_versions"("uuid");

-- CreateIndex
CREATE INDEX "released_versions_environment_id_pacticipant_id_support_end_idx" ON "released_versions"("environment_id", "pacticipant_id", "support_ended_at");

-- CreateIndex
CREATE UNIQUE INDEX "released_versions_version_id_environment_id_key" ON "released_versions"("version_id", "environment_id");

-- CreateIndex
CREATE UNIQUE INDEX "webhooks_uuid_key" ON "webhooks"("uuid");

-- CreateIndex
CREATE INDEX "webhooks_consumer_id_idx" ON "webhooks"("consumer_id");

-- CreateIndex
CREATE INDEX "webhooks_provider_id_idx" ON "webhooks"("provider_id");

-- AddForeignKey
ALTER TABLE "labels" ADD CONSTRAINT "labels_pacticipant_id_fkey" FOREIGN KEY ("pacticipant_id") REFERENCES "pacticipants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "versions" ADD CONSTRAINT "versions_pacticipant_id_fkey" FOREIGN KEY ("pacticipant_id") REFERENCES "pacticipants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "branches" ADD CONSTRAINT "branches_pacticipant_id_fkey" FOREIGN KEY ("pacticipant_id") REFERENCES "pacticipants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "branch_versions" ADD CONSTRAINT "branch_versions_branch_id_fkey" FOREIGN KEY ("branch_id") REFERENCES "branches"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "branch_versions" ADD CONSTRAINT "branch_versions_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tags" ADD CONSTRAINT "tags_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "integrations" ADD CONSTRAINT "integrations_consumer_id_fkey" FOREIGN KEY ("consumer_id") REFERENCES "pacticipants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "integrations" ADD CONSTRAINT "integrations_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "pacticipants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pact_versions" ADD CONSTRAINT "pact_versions_consumer_id_fkey" FOREIGN KEY ("consumer_id") REFERENCES "pacticipants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pact_versions" ADD CONSTRAINT "pact_versions_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "pacticipants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pact_publications" ADD CONSTRAINT "pact_publications_consumer_version_id_fkey" FOREIGN KEY ("consumer_version_id") REFERENCES "versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pact_publications" ADD CONSTRAINT "pact_publications_consumer_id_fkey" FOREIGN KEY ("consumer_id") REFERENCES "pacticipants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pact_publications" ADD CONSTRAINT "pact_publications_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "pacticipants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pact_publications" ADD CONSTRAINT "pact_publications_pact_version_id_fkey" FOREIGN KEY ("pact_version_id") REFERENCES "pact_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verifications" ADD CONSTRAINT "verifications_pact_version_id_fkey" FOREIGN KEY ("pact_version_id") REFERENCES "pact_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verifications" ADD CONSTRAINT "verifications_provider_version_id_fkey" FOREIGN KEY ("provider_version_id") REFERENCES "versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verifications" ADD CONSTRAINT "verifications_consumer_id_fkey" FOREIGN KEY ("consumer_id") REFERENCES "pacticipants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verifications" ADD CONSTRAINT "verifications_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "pacticipants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployed_versions" ADD CONSTRAINT "deployed_versions_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployed_versions" ADD CONSTRAINT "deployed_versions_pacticipant_id_fkey" FOREIGN KEY ("pacticipant_id") REFERENCES "pacticipants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployed_versions" ADD CONSTRAINT "deployed_versions_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "released_versions" ADD CONSTRAINT "released_versions_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "released_versions" ADD CONSTRAINT "released_versions_pacticipant_id_fkey" FOREIGN KEY ("pacticipant_id") REFERENCES "pacticipants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "released_versions" ADD CONSTRAINT "released_versions_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhooks" ADD CONSTRAINT "webhooks_consumer_id_fkey" FOREIGN KEY ("consumer_id") REFERENCES "pacticipants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhooks" ADD CONSTRAINT "webhooks_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "pacticipants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
