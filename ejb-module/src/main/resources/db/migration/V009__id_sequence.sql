-- Ids of every table from one sequence (docs/architecture.md, "Ids"). Each instance takes a block of 100 ids
-- with one NEXT VALUE and hands them out as rows are persisted, so the rows of a transaction are inserted as one
-- multi-row statement (JDBC batch) instead of one insert per row that must return its AUTO_INCREMENT key. A value
-- of the sequence is the last id of its block (EclipseLink's convention): 100 is the block 1-100, 200 is 101-200.
-- The columns keep AUTO_INCREMENT (ids given explicitly pass through it). The sequence is moved past the largest
-- id already in the tables at every start (Migrator), so a database from before this script keeps its ids.
CREATE SEQUENCE hcc_id START WITH 100 INCREMENT BY 100;
