import { SparkSession } from 'rivulet';

const py = (v: unknown): string => (v === null ? 'None' : v === true ? 'True' : v === false ? 'False' : typeof v === 'string' ? `'${v}'` : String(v));

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('subqueries').getOrCreate();
  spark.sql('create or replace temp view t as select * from values (1, 10), (2, 20), (3, 30), (null, 40) as t(x, v)');
  spark.sql('create or replace temp view u as select * from values (1, 100), (3, 300), (3, 301) as u(y, w)');
  spark.sql('create or replace temp view n as select * from values (1), (null) as n(z)');
  const queries = [
    'select * from t where x in (select y from u)',
    'select * from t where x not in (select y from u)',
    'select * from t where x in (select z from n)',
    'select * from t where x not in (select z from n)',
    'select * from t where x not in (select z from n where z > 5)',
    'select *, x in (select y from u) as i, x not in (select z from n) as ni from t',
    'select * from t where exists (select 1 from u where u.y = t.x)',
    'select * from t where not exists (select 1 from u where u.y = t.x)',
    'select *, exists (select 1 from u where y = x) from t',
    'select *, (select max(w) from u) as m from t',
    'select *, (select max(w) from u) from t',
    'select *, (select max(w) from u where u.y = t.x) as m from t',
    'select *, (select max(w) from u where u.y = t.x) from t',
    'select *, (select count(*) from u where u.y = t.x) as c from t',
    'select *, (select w from u where u.y = t.x) as m from t',
    'select *, (select w from u where u.y = t.x and w < 301) as m from t',
    'select *, (select y, w from u limit 1) as m from t',
    'select * from t where (x, v) in (select y, w / 10 from u)',
    'select * from t where x in (select y, w from u)',
    'select * from t where x in (select cast(y as string) from u)',
    'select * from t where x in (select y from u where w > v * 10)',
    'select x, sum(v) from t group by x having sum(v) > (select min(w) / 10 from u)',
    'select * from t where v > (select avg(w) from u) / 10',
    'select (select 1)',
    'select (select 1 where false)',
    'select * from t where x = (select y from u where w = 100)',
    'select * from t where x in (select y from u) or v = 40',
    'select max((select max(w) from u)) from t',
    'select * from (select x, (select max(w) from u where y = x) m from t) where m is not null',
    'select * from t where exists (select * from u)',
    'select * from t where x in (select y from u union select 2)',
    'select * from t where x in (select y from u order by y limit 1)',
    'select *, (select sum(w) from u where y >= t.x) from t order by x',
  ];
  for (const q of queries) {
    console.log('##', q);
    try {
      const df = spark.sql(q);
      const width = df.columns.length;
      const rows = df
        .collect()
        .map((r) => Array.from({ length: width }, (_, i) => (r as unknown as unknown[])[i]))
        .map((r) => `(${r.map(py).join(', ')}${r.length === 1 ? ',' : ''})`)
        .sort();
      console.log(`[${df.columns.map((c) => `'${c}'`).join(', ')}]`);
      console.log(`[${rows.join(', ')}]`);
    } catch (e) {
      console.log((e as Error).constructor.name, (e as Error).message.trim().split('\n')[0].split(' SQLSTATE')[0]);
    }
  }
}
