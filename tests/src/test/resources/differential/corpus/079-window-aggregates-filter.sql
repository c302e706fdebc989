CREATE TABLE sales(region, month, amount);
INSERT INTO sales VALUES ('n', 1, 100), ('n', 2, 150), ('s', 1, 80), ('s', 2, 60), ('n', 3, 90), ('s', 3, 200);
SELECT region, month, amount, sum(amount) OVER (PARTITION BY region ORDER BY month) AS running, sum(amount) FILTER (WHERE amount > 90) OVER (PARTITION BY region) AS big FROM sales ORDER BY region, month;
SELECT region, sum(amount), count(*) FILTER (WHERE month > 1) FROM sales GROUP BY region;
SELECT month, amount - lag(amount) OVER (PARTITION BY region ORDER BY month) FROM sales WHERE region = 'n';
