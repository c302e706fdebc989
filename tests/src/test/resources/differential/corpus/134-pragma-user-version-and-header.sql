PRAGMA user_version = -1;
PRAGMA application_id = 0x4c535452;
CREATE TABLE t(x);
PRAGMA user_version;
PRAGMA application_id;
PRAGMA schema_version;
--! serialize
PRAGMA user_version = 2147483647;
--! serialize
