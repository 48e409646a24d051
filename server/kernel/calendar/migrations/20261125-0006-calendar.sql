-- The holiday calendar: China's official public holidays and make-up working days (调休) as editable
-- data. A date that is not listed follows the week: Monday to Friday are working days, Saturday and
-- Sunday are rest days. 'holiday' rows mark days off (whole holiday periods, weekends within them
-- included); 'workday' rows mark weekend days that are working days.
create table calendar_day (
  date date primary key,
  kind text not null check (kind in ('holiday', 'workday')),
  name text not null check (length(name) between 1 and 50),
  name_en text check (length(name_en) between 1 and 100),
  note text check (length(note) <= 500),
  updated_at timestamptz not null default now()
);

-- 2020 to 2026 from the State Council General Office notices on public holiday arrangements
-- (国务院办公厅关于<年>年部分节假日安排的通知), one line per holiday period or make-up working day.
insert into calendar_day (date, kind, name, name_en, note)
select d::date, r.kind, r.name, r.name_en, r.note
from (values
  -- 2020
  ('2020-01-01', '2020-01-01', 'holiday', '元旦', 'New Year''s Day', null),
  ('2020-01-19', '2020-01-19', 'workday', '春节调休上班', 'Spring Festival make-up workday', null),
  ('2020-01-24', '2020-01-30', 'holiday', '春节', 'Spring Festival', null),
  ('2020-01-31', '2020-02-02', 'holiday', '春节', 'Spring Festival',
   '新冠肺炎疫情防控,春节假期延长至2月2日,原定2月1日(星期六)调休上班取消'),
  ('2020-04-04', '2020-04-06', 'holiday', '清明节', 'Qingming Festival', null),
  ('2020-04-26', '2020-04-26', 'workday', '劳动节调休上班', 'Labour Day make-up workday', null),
  ('2020-05-01', '2020-05-05', 'holiday', '劳动节', 'Labour Day', null),
  ('2020-05-09', '2020-05-09', 'workday', '劳动节调休上班', 'Labour Day make-up workday', null),
  ('2020-06-25', '2020-06-27', 'holiday', '端午节', 'Dragon Boat Festival', null),
  ('2020-06-28', '2020-06-28', 'workday', '端午节调休上班', 'Dragon Boat Festival make-up workday', null),
  ('2020-09-27', '2020-09-27', 'workday', '国庆节、中秋节调休上班', 'National Day and Mid-Autumn make-up workday', null),
  ('2020-10-01', '2020-10-08', 'holiday', '国庆节、中秋节', 'National Day and Mid-Autumn Festival', null),
  ('2020-10-10', '2020-10-10', 'workday', '国庆节、中秋节调休上班', 'National Day and Mid-Autumn make-up workday', null),
  -- 2021
  ('2021-01-01', '2021-01-03', 'holiday', '元旦', 'New Year''s Day', null),
  ('2021-02-07', '2021-02-07', 'workday', '春节调休上班', 'Spring Festival make-up workday', null),
  ('2021-02-11', '2021-02-17', 'holiday', '春节', 'Spring Festival', null),
  ('2021-02-20', '2021-02-20', 'workday', '春节调休上班', 'Spring Festival make-up workday', null),
  ('2021-04-03', '2021-04-05', 'holiday', '清明节', 'Qingming Festival', null),
  ('2021-04-25', '2021-04-25', 'workday', '劳动节调休上班', 'Labour Day make-up workday', null),
  ('2021-05-01', '2021-05-05', 'holiday', '劳动节', 'Labour Day', null),
  ('2021-05-08', '2021-05-08', 'workday', '劳动节调休上班', 'Labour Day make-up workday', null),
  ('2021-06-12', '2021-06-14', 'holiday', '端午节', 'Dragon Boat Festival', null),
  ('2021-09-18', '2021-09-18', 'workday', '中秋节调休上班', 'Mid-Autumn Festival make-up workday', null),
  ('2021-09-19', '2021-09-21', 'holiday', '中秋节', 'Mid-Autumn Festival', null),
  ('2021-09-26', '2021-09-26', 'workday', '国庆节调休上班', 'National Day make-up workday', null),
  ('2021-10-01', '2021-10-07', 'holiday', '国庆节', 'National Day', null),
  ('2021-10-09', '2021-10-09', 'workday', '国庆节调休上班', 'National Day make-up workday', null),
  -- 2022
  ('2022-01-01', '2022-01-03', 'holiday', '元旦', 'New Year''s Day', null),
  ('2022-01-29', '2022-01-30', 'workday', '春节调休上班', 'Spring Festival make-up workday', null),
  ('2022-01-31', '2022-02-06', 'holiday', '春节', 'Spring Festival', null),
  ('2022-04-02', '2022-04-02', 'workday', '清明节调休上班', 'Qingming Festival make-up workday', null),
  ('2022-04-03', '2022-04-05', 'holiday', '清明节', 'Qingming Festival', null),
  ('2022-04-24', '2022-04-24', 'workday', '劳动节调休上班', 'Labour Day make-up workday', null),
  ('2022-04-30', '2022-05-04', 'holiday', '劳动节', 'Labour Day', null),
  ('2022-05-07', '2022-05-07', 'workday', '劳动节调休上班', 'Labour Day make-up workday', null),
  ('2022-06-03', '2022-06-05', 'holiday', '端午节', 'Dragon Boat Festival', null),
  ('2022-09-10', '2022-09-12', 'holiday', '中秋节', 'Mid-Autumn Festival', null),
  ('2022-10-01', '2022-10-07', 'holiday', '国庆节', 'National Day', null),
  ('2022-10-08', '2022-10-09', 'workday', '国庆节调休上班', 'National Day make-up workday', null),
  ('2022-12-31', '2022-12-31', 'holiday', '元旦', 'New Year''s Day', '2023年元旦假期'),
  -- 2023
  ('2023-01-01', '2023-01-02', 'holiday', '元旦', 'New Year''s Day', null),
  ('2023-01-21', '2023-01-27', 'holiday', '春节', 'Spring Festival', null),
  ('2023-01-28', '2023-01-29', 'workday', '春节调休上班', 'Spring Festival make-up workday', null),
  ('2023-04-05', '2023-04-05', 'holiday', '清明节', 'Qingming Festival', null),
  ('2023-04-23', '2023-04-23', 'workday', '劳动节调休上班', 'Labour Day make-up workday', null),
  ('2023-04-29', '2023-05-03', 'holiday', '劳动节', 'Labour Day', null),
  ('2023-05-06', '2023-05-06', 'workday', '劳动节调休上班', 'Labour Day make-up workday', null),
  ('2023-06-22', '2023-06-24', 'holiday', '端午节', 'Dragon Boat Festival', null),
  ('2023-06-25', '2023-06-25', 'workday', '端午节调休上班', 'Dragon Boat Festival make-up workday', null),
  ('2023-09-29', '2023-10-06', 'holiday', '中秋节、国庆节', 'Mid-Autumn Festival and National Day', null),
  ('2023-10-07', '2023-10-08', 'workday', '国庆节调休上班', 'National Day make-up workday', null),
  ('2023-12-30', '2023-12-31', 'holiday', '元旦', 'New Year''s Day', '2024年元旦假期,与周末连休'),
  -- 2024
  ('2024-01-01', '2024-01-01', 'holiday', '元旦', 'New Year''s Day', null),
  ('2024-02-04', '2024-02-04', 'workday', '春节调休上班', 'Spring Festival make-up workday', null),
  ('2024-02-10', '2024-02-17', 'holiday', '春节', 'Spring Festival', null),
  ('2024-02-18', '2024-02-18', 'workday', '春节调休上班', 'Spring Festival make-up workday', null),
  ('2024-04-04', '2024-04-06', 'holiday', '清明节', 'Qingming Festival', null),
  ('2024-04-07', '2024-04-07', 'workday', '清明节调休上班', 'Qingming Festival make-up workday', null),
  ('2024-04-28', '2024-04-28', 'workday', '劳动节调休上班', 'Labour Day make-up workday', null),
  ('2024-05-01', '2024-05-05', 'holiday', '劳动节', 'Labour Day', null),
  ('2024-05-11', '2024-05-11', 'workday', '劳动节调休上班', 'Labour Day make-up workday', null),
  ('2024-06-08', '2024-06-10', 'holiday', '端午节', 'Dragon Boat Festival', '6月10日放假,与周末连休'),
  ('2024-09-14', '2024-09-14', 'workday', '中秋节调休上班', 'Mid-Autumn Festival make-up workday', null),
  ('2024-09-15', '2024-09-17', 'holiday', '中秋节', 'Mid-Autumn Festival', null),
  ('2024-09-29', '2024-09-29', 'workday', '国庆节调休上班', 'National Day make-up workday', null),
  ('2024-10-01', '2024-10-07', 'holiday', '国庆节', 'National Day', null),
  ('2024-10-12', '2024-10-12', 'workday', '国庆节调休上班', 'National Day make-up workday', null),
  -- 2025 (from 2025 the Spring Festival includes New Year's Eve and Labour Day has two statutory days)
  ('2025-01-01', '2025-01-01', 'holiday', '元旦', 'New Year''s Day', null),
  ('2025-01-26', '2025-01-26', 'workday', '春节调休上班', 'Spring Festival make-up workday', null),
  ('2025-01-28', '2025-02-04', 'holiday', '春节', 'Spring Festival', null),
  ('2025-02-08', '2025-02-08', 'workday', '春节调休上班', 'Spring Festival make-up workday', null),
  ('2025-04-04', '2025-04-06', 'holiday', '清明节', 'Qingming Festival', null),
  ('2025-04-27', '2025-04-27', 'workday', '劳动节调休上班', 'Labour Day make-up workday', null),
  ('2025-05-01', '2025-05-05', 'holiday', '劳动节', 'Labour Day', null),
  ('2025-05-31', '2025-06-02', 'holiday', '端午节', 'Dragon Boat Festival', null),
  ('2025-09-28', '2025-09-28', 'workday', '国庆节、中秋节调休上班', 'National Day and Mid-Autumn make-up workday', null),
  ('2025-10-01', '2025-10-08', 'holiday', '国庆节、中秋节', 'National Day and Mid-Autumn Festival', null),
  ('2025-10-11', '2025-10-11', 'workday', '国庆节、中秋节调休上班', 'National Day and Mid-Autumn make-up workday', null),
  -- 2026
  ('2026-01-01', '2026-01-03', 'holiday', '元旦', 'New Year''s Day', null),
  ('2026-01-04', '2026-01-04', 'workday', '元旦调休上班', 'New Year''s Day make-up workday', null),
  ('2026-02-14', '2026-02-14', 'workday', '春节调休上班', 'Spring Festival make-up workday', null),
  ('2026-02-15', '2026-02-23', 'holiday', '春节', 'Spring Festival', null),
  ('2026-02-28', '2026-02-28', 'workday', '春节调休上班', 'Spring Festival make-up workday', null),
  ('2026-04-04', '2026-04-06', 'holiday', '清明节', 'Qingming Festival', null),
  ('2026-05-01', '2026-05-05', 'holiday', '劳动节', 'Labour Day', null),
  ('2026-05-09', '2026-05-09', 'workday', '劳动节调休上班', 'Labour Day make-up workday', null),
  ('2026-06-19', '2026-06-21', 'holiday', '端午节', 'Dragon Boat Festival', null),
  ('2026-09-20', '2026-09-20', 'workday', '国庆节调休上班', 'National Day make-up workday', null),
  ('2026-09-25', '2026-09-27', 'holiday', '中秋节', 'Mid-Autumn Festival', null),
  ('2026-10-01', '2026-10-07', 'holiday', '国庆节', 'National Day', null),
  ('2026-10-10', '2026-10-10', 'workday', '国庆节调休上班', 'National Day make-up workday', null)
) as r (first_day, last_day, kind, name, name_en, note)
cross join lateral generate_series(r.first_day::timestamp, r.last_day::timestamp, interval '1 day') as d;
