/** The demo city's common destinations (Changzhou), WGS-84, approximate. Jurisdiction codes as in the demo. */
export interface DemoPlace {
  name: string;
  kind: 'government' | 'station' | 'airport' | 'hospital' | 'school' | 'venue' | 'depot' | 'other';
  address: string;
  lon: number;
  lat: number;
  /** the pool whose depot this is */
  depotOf?: string;
}

export const DEMO_PLACES: readonly DemoPlace[] = [
  { name: '常州市行政中心', kind: 'government', address: '新北区龙城大道1280号', lon: 119.974, lat: 31.811 },
  { name: '常州火车站', kind: 'station', address: '天宁区竹林西路', lon: 119.972, lat: 31.786 },
  { name: '常州北站（高铁）', kind: 'station', address: '新北区高铁北站', lon: 119.965, lat: 31.852 },
  { name: '常州奔牛国际机场', kind: 'airport', address: '新北区奔牛镇', lon: 119.779, lat: 31.92 },
  { name: '常州长途汽车客运总站', kind: 'station', address: '钟楼区', lon: 119.935, lat: 31.787 },
  { name: '武进区人民政府', kind: 'government', address: '武进区湖塘镇延政中路', lon: 119.948, lat: 31.701 },
  { name: '新北区人民政府', kind: 'government', address: '新北区锦绣路2号', lon: 119.971, lat: 31.824 },
  { name: '天宁区人民政府', kind: 'government', address: '天宁区竹林北路', lon: 119.99, lat: 31.79 },
  { name: '钟楼区人民政府', kind: 'government', address: '钟楼区延陵西路', lon: 119.935, lat: 31.778 },
  { name: '常州经开区管委会', kind: 'government', address: '经开区遥观镇', lon: 120.06, lat: 31.77 },
  { name: '常州市第一人民医院', kind: 'hospital', address: '天宁区局前街185号', lon: 119.956, lat: 31.777 },
  { name: '常州市第二人民医院', kind: 'hospital', address: '天宁区兴隆巷29号', lon: 119.962, lat: 31.772 },
  { name: '常州市中医医院', kind: 'hospital', address: '天宁区和平北路25号', lon: 119.965, lat: 31.78 },
  { name: '武进区人民医院', kind: 'hospital', address: '武进区永宁北路2号', lon: 119.955, lat: 31.715 },
  { name: '常州市妇幼保健院', kind: 'hospital', address: '钟楼区丁香路16号', lon: 119.93, lat: 31.77 },
  { name: '常州大学', kind: 'school', address: '武进区科教城', lon: 119.96, lat: 31.685 },
  { name: '常州工学院', kind: 'school', address: '新北区辽河路666号', lon: 119.94, lat: 31.84 },
  { name: '常州市奥林匹克体育中心', kind: 'venue', address: '新北区', lon: 119.97, lat: 31.815 },
  { name: '常州大剧院', kind: 'venue', address: '新北区龙城大道', lon: 119.98, lat: 31.816 },
  { name: '常州国际会展中心', kind: 'venue', address: '武进区', lon: 119.958, lat: 31.706 },
  { name: '西太湖科技产业园', kind: 'other', address: '武进区西太湖', lon: 119.85, lat: 31.7 },
  { name: '常州高新区（新北）科技园', kind: 'other', address: '新北区', lon: 119.96, lat: 31.86 },
  { name: '溧阳市人民政府', kind: 'government', address: '溧阳市', lon: 119.484, lat: 31.416 },
  { name: '金坛区人民政府', kind: 'government', address: '金坛区', lon: 119.597, lat: 31.723 },
  { name: '南京禄口国际机场', kind: 'airport', address: '南京市江宁区', lon: 118.862, lat: 31.742 },
  { name: '无锡硕放机场', kind: 'airport', address: '无锡市新吴区', lon: 120.429, lat: 31.494 },
  {
    name: '市公务用车服务中心车场',
    kind: 'depot',
    address: '新北区通江中路',
    lon: 119.968,
    lat: 31.805,
    depotOf: 'CZ',
  },
  {
    name: '武进区公务用车车场',
    kind: 'depot',
    address: '武进区湖塘镇',
    lon: 119.945,
    lat: 31.705,
    depotOf: 'CZ-WJ',
  },
  {
    name: '新北区公务用车车场',
    kind: 'depot',
    address: '新北区三井街道',
    lon: 119.965,
    lat: 31.83,
    depotOf: 'CZ-XB',
  },
  {
    name: '天宁区公务用车车场',
    kind: 'depot',
    address: '天宁区',
    lon: 119.995,
    lat: 31.785,
    depotOf: 'CZ-TN',
  },
  {
    name: '钟楼区公务用车车场',
    kind: 'depot',
    address: '钟楼区',
    lon: 119.925,
    lat: 31.78,
    depotOf: 'CZ-ZL',
  },
  {
    name: '经开区公务用车车场',
    kind: 'depot',
    address: '经开区遥观镇',
    lon: 120.055,
    lat: 31.772,
    depotOf: 'CZ-JK',
  },
];

/** Vehicles and drivers per pool: ~300 vehicles and ~350 drivers across the six pools. */
export const POOL_SIZES: Record<string, { vehicles: number; drivers: number; letter: string }> = {
  CZ: { vehicles: 100, drivers: 115, letter: 'G' },
  'CZ-WJ': { vehicles: 50, drivers: 60, letter: 'W' },
  'CZ-XB': { vehicles: 45, drivers: 52, letter: 'X' },
  'CZ-TN': { vehicles: 35, drivers: 41, letter: 'T' },
  'CZ-ZL': { vehicles: 35, drivers: 41, letter: 'Z' },
  'CZ-JK': { vehicles: 35, drivers: 41, letter: 'K' },
};
