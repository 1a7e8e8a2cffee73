-- A tiny estate in PostGIS for the PostGIS read test (tests/postgis/run.sh).
-- Coordinates are British National Grid metres around Matlock, Derbyshire.
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE sites (
    id integer PRIMARY KEY,
    name text NOT NULL,
    gia_m2 double precision,
    geom geometry(Point, 27700)
);
INSERT INTO sites VALUES
    (1, 'Matlock Fire Station', 795, ST_GeomFromText('POINT(430380 360312)', 27700)),
    (2, 'Matlock Library', 410.5, ST_GeomFromText('POINT(430030 360260)', 27700)),
    (3, 'County Hall', 21500, ST_GeomFromText('POINT(429950 360610)', 27700));

-- Zone 2 is a bow-tie: its ring crosses itself at (430500 360500).
CREATE TABLE zones (
    id integer PRIMARY KEY,
    code text NOT NULL,
    geom geometry(Polygon, 27700)
);
INSERT INTO zones VALUES
    (1, 'Z1', ST_GeomFromText('POLYGON((429000 359000, 430000 359000, 430000 360000, 429000 360000, 429000 359000))', 27700)),
    (2, 'Z2', ST_GeomFromText('POLYGON((430000 360000, 431000 361000, 431000 360000, 430000 361000, 430000 360000))', 27700));
