-- Date and timestamp functions on fixed literals (session time zone America/Los_Angeles).
CREATE OR REPLACE TEMPORARY VIEW events AS SELECT * FROM VALUES
  (1, DATE'2024-02-28', TIMESTAMP'2024-02-28 23:30:00'), (2, DATE'2023-12-31', TIMESTAMP'2023-12-31 00:00:01'), (3, NULL, NULL)
  AS events(id, d, ts);

SELECT id, year(d), month(d), day(d), dayofweek(d), dayofyear(d) FROM events;
SELECT id, hour(ts), minute(ts), second(ts) FROM events;
SELECT id, date_add(d, 2), date_sub(d, 1), datediff(DATE'2024-03-01', d) FROM events;
SELECT id, add_months(d, 1), last_day(d), next_day(d, 'MON') FROM events;
SELECT id, trunc(d, 'MM'), date_trunc('HOUR', ts) FROM events;
SELECT id, date_format(ts, 'yyyy-MM-dd HH:mm'), date_format(d, 'EEE') FROM events;
SELECT to_date('2024-05-06'), to_date('06/05/2024', 'dd/MM/yyyy'), to_timestamp('2024-05-06 07:08:09');
SELECT months_between(DATE'2024-03-31', DATE'2024-02-29'), months_between(TIMESTAMP'2024-01-01 00:00:00', TIMESTAMP'2024-01-16 00:00:00', false);
SELECT make_date(2024, 2, 29), make_timestamp(2024, 1, 2, 3, 4, 5.5);
SELECT unix_timestamp(TIMESTAMP'1970-01-01 00:00:00'), from_unixtime(0), to_unix_timestamp('1970-01-02', 'yyyy-MM-dd');
SELECT CAST(TIMESTAMP'2024-01-01 00:00:00' AS DATE), CAST(DATE'2024-01-01' AS TIMESTAMP);
SELECT weekofyear(DATE'2024-01-01'), quarter(DATE'2024-08-15'), extract(YEAR FROM DATE'2024-08-15');
SELECT date_part('month', TIMESTAMP'2024-08-15 10:00:00'), extract(DOW FROM DATE'2024-08-15');
SELECT from_utc_timestamp(TIMESTAMP'2024-01-01 12:00:00', 'UTC'), to_utc_timestamp(TIMESTAMP'2024-01-01 12:00:00', 'Asia/Tokyo');
SELECT DATE'2024-03-01' - DATE'2024-02-01';
SELECT timestamp_seconds(0), timestamp_millis(1000), unix_date(DATE'1970-01-10');
SELECT date_from_unix_date(1);
SELECT year(NULL), date_add(NULL, 1), to_date(NULL);
SELECT year(array(1));
SELECT date_add(DATE'2024-01-01', 'x');
SELECT date_format(TIMESTAMP'2024-01-01 00:00:00', 'yyyy-MM-dd', 'extra');

-- Date and timestamp failures are SparkDateTimeException.
SELECT CAST('2024-13-01' AS DATE);
SELECT make_date(2023, 2, 29);
