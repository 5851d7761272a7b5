-- Which instances are alive: each running instance of a cluster keeps its row's heartbeat fresh (the
-- database's clock), so a second process started under the same cluster.instance can see that the id is taken.
-- token tells this life of an instance from an earlier or later one under the same id.
CREATE TABLE cluster_instance (
  instance VARCHAR(100) PRIMARY KEY,
  host VARCHAR(255) NOT NULL,
  token VARCHAR(64) NOT NULL,
  started_at TIMESTAMP WITH TIME ZONE NOT NULL,
  heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL
);
