-- Baton's PostgreSQL schema for Orleans' ADO.NET clustering and reminder providers (marker: baton-cluster-schema v1).
--
-- The Microsoft.Orleans.*.AdoNet packages ship no SQL: their providers read every statement they run from the
-- table OrleansQuery (QueryKey -> QueryText) and bind parameters and result columns by name. This script writes
-- Baton's own tables and statements for that contract. It is idempotent (IF NOT EXISTS; statements are inserted
-- once and only statements carrying this script's marker are updated), runs in one transaction under an advisory
-- lock, and leaves statements installed by Orleans' own scripts alone, so a database set up with those keeps working.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey varchar(64) NOT NULL PRIMARY KEY,
    QueryText varchar(8000) NOT NULL
);

CREATE TABLE IF NOT EXISTS baton_orleans_membership_version
(
    deployment_id varchar(150) NOT NULL PRIMARY KEY,
    changed_at timestamptz(3) NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS baton_orleans_membership
(
    deployment_id varchar(150) NOT NULL REFERENCES baton_orleans_membership_version (deployment_id),
    address varchar(45) NOT NULL,
    port integer NOT NULL,
    generation integer NOT NULL,
    silo_name varchar(150) NOT NULL,
    host_name varchar(150) NOT NULL,
    status integer NOT NULL,
    proxy_port integer NULL,
    suspect_times varchar(8000) NULL,
    start_time timestamptz(3) NOT NULL,
    i_am_alive_time timestamptz(3) NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

CREATE TABLE IF NOT EXISTS baton_orleans_reminders
(
    service_id varchar(150) NOT NULL,
    grain_id varchar(150) NOT NULL,
    reminder_name varchar(150) NOT NULL,
    start_time timestamptz(3) NOT NULL,
    period bigint NOT NULL,
    grain_hash integer NOT NULL,
    version integer NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS baton_orleans_reminders_by_hash ON baton_orleans_reminders (service_id, grain_hash);
CREATE INDEX IF NOT EXISTS baton_orleans_reminders_by_name ON baton_orleans_reminders (service_id, reminder_name);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', '-- baton-cluster-schema v1
WITH inserted AS (
    INSERT INTO baton_orleans_membership_version (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1)
SELECT count(*)::int FROM inserted;'),

('InsertMembershipKey', '-- baton-cluster-schema v1
WITH bumped AS (
    UPDATE baton_orleans_membership_version
    SET version = version + 1, changed_at = now()
    WHERE deployment_id = @DeploymentId AND version = @Version
      AND NOT EXISTS (SELECT 1 FROM baton_orleans_membership
                      WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING deployment_id),
inserted AS (
    INSERT INTO baton_orleans_membership
        (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
    SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime FROM bumped
    ON CONFLICT DO NOTHING
    RETURNING 1)
SELECT count(*)::int FROM inserted;'),

('UpdateMembershipKey', '-- baton-cluster-schema v1
WITH bumped AS (
    UPDATE baton_orleans_membership_version
    SET version = version + 1, changed_at = now()
    WHERE deployment_id = @DeploymentId AND version = @Version
      AND EXISTS (SELECT 1 FROM baton_orleans_membership
                  WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING deployment_id),
updated AS (
    UPDATE baton_orleans_membership m
    SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
    FROM bumped
    WHERE m.deployment_id = bumped.deployment_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    RETURNING 1)
SELECT count(*)::int FROM updated;'),

('UpdateIAmAlivetimeKey', '-- baton-cluster-schema v1
UPDATE baton_orleans_membership
SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;'),

('MembershipReadRowKey', '-- baton-cluster-schema v1
SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
       m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
       m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime, v.version AS Version
FROM baton_orleans_membership_version v
LEFT JOIN baton_orleans_membership m
    ON m.deployment_id = v.deployment_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId;'),

('MembershipReadAllKey', '-- baton-cluster-schema v1
SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
       m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
       m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime, v.version AS Version
FROM baton_orleans_membership_version v
LEFT JOIN baton_orleans_membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId;'),

('DeleteMembershipTableEntriesKey', '-- baton-cluster-schema v1
DELETE FROM baton_orleans_membership WHERE deployment_id = @DeploymentId;
DELETE FROM baton_orleans_membership_version WHERE deployment_id = @DeploymentId;'),

('CleanupDefunctSiloEntriesKey', '-- baton-cluster-schema v1
DELETE FROM baton_orleans_membership
WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status <> 3;'),

('GatewaysQueryKey', '-- baton-cluster-schema v1
SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
FROM baton_orleans_membership
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0;'),

('UpsertReminderRowKey', '-- baton-cluster-schema v1
INSERT INTO baton_orleans_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = EXCLUDED.start_time, period = EXCLUDED.period, grain_hash = EXCLUDED.grain_hash,
    version = baton_orleans_reminders.version + 1
RETURNING version AS Version;'),

('ReadReminderRowsKey', '-- baton-cluster-schema v1
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM baton_orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId;'),

('ReadReminderRowKey', '-- baton-cluster-schema v1
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM baton_orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName;'),

('ReadRangeRows1Key', '-- baton-cluster-schema v1
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM baton_orleans_reminders
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash;'),

('ReadRangeRows2Key', '-- baton-cluster-schema v1
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM baton_orleans_reminders
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);'),

('DeleteReminderRowKey', '-- baton-cluster-schema v1
WITH deleted AS (
    DELETE FROM baton_orleans_reminders
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version
    RETURNING 1)
SELECT count(*)::int FROM deleted;'),

('DeleteReminderRowsKey', '-- baton-cluster-schema v1
DELETE FROM baton_orleans_reminders WHERE service_id = @ServiceId;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText
WHERE OrleansQuery.QueryText LIKE '-- baton-cluster-schema%';
