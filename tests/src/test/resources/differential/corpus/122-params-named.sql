--! params :a=1 @b='two' $c=3.5
SELECT :a, @b, $c, typeof(:a), typeof(@b), typeof($c);
--! params :x=10
SELECT :x + :x, :x * 2;
--! params :missing=1
SELECT :present;
