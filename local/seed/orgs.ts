import type { OrgKind } from '../../types/enums'

/**
 * The org tree of the two places in the newsletter: 阳城县 (its 电商团工委 with four themed
 * branches, the 非公和社会组织团工委) and 榆次区 (townships and streets, the 新兴行业派出团工委
 * for couriers and riders). Ids are readable and stable so the seed is idempotent.
 */
export interface SeedOrg {
  id: string
  name: string
  kind: OrgKind
  children?: SeedOrg[]
}

const villages = (prefix: string, names: string[]): SeedOrg[] =>
  names.map((n, i) => ({ id: `${prefix}-b${i + 1}`, name: `${n}团支部`, kind: 'branch' }))

export const ORG_TREE: SeedOrg[] = [
  {
    id: 'yc',
    name: '共青团阳城县委',
    kind: 'county',
    children: [
      { id: 'yc-fc', name: '凤城镇团委', kind: 'township', children: villages('yc-fc', ['东关村', '西关村', '南关村']) },
      { id: 'yc-rc', name: '润城镇团委', kind: 'township', children: villages('yc-rc', ['上庄村', '下庄村', '屯城村', '中庄村']) },
      { id: 'yc-bl', name: '北留镇团委', kind: 'township', children: villages('yc-bl', ['郭峪村', '皇城村', '史山村']) },
      { id: 'yc-dd', name: '町店镇团委', kind: 'township', children: villages('yc-dd', ['町店村', '崦山村']) },
      { id: 'yc-qc', name: '芹池镇团委', kind: 'township', children: villages('yc-qc', ['芹池村', '刘西村']) },
      { id: 'yc-mh', name: '蟒河镇团委', kind: 'township', children: villages('yc-mh', ['桑林村', '蟒河村']) },
      {
        id: 'yc-ec',
        name: '阳城县电商团工委',
        kind: 'working_committee',
        children: [
          { id: 'yc-ec-live', name: '直播带货团支部', kind: 'branch' },
          { id: 'yc-ec-farm', name: '农特产品电商团支部', kind: 'branch' },
          { id: 'yc-ec-logi', name: '电商物流团支部', kind: 'branch' },
          { id: 'yc-ec-start', name: '电商创业团支部', kind: 'branch' },
        ],
      },
      {
        id: 'yc-np',
        name: '阳城县非公和社会组织团工委',
        kind: 'working_committee',
        children: [
          { id: 'yc-np-coal', name: '阳城煤业公司团支部', kind: 'branch' },
          { id: 'yc-np-social', name: '青年志愿服务联盟团支部', kind: 'branch' },
        ],
      },
    ],
  },
  {
    id: 'yuci',
    name: '共青团晋中市榆次区委',
    kind: 'county',
    children: [
      { id: 'yuci-jl', name: '锦纶街道团工委', kind: 'township', children: villages('yuci-jl', ['锦纶社区', '纺织社区']) },
      { id: 'yuci-bg', name: '北关街道团工委', kind: 'township', children: villages('yuci-bg', ['北关社区', '新华社区']) },
      { id: 'yuci-xn', name: '西南街道团工委', kind: 'township', children: villages('yuci-xn', ['西南社区']) },
      { id: 'yuci-dy', name: '东阳镇团委', kind: 'township', children: villages('yuci-dy', ['东阳村', '车辋村']) },
      { id: 'yuci-xw', name: '修文镇团委', kind: 'township', children: villages('yuci-xw', ['修文村', '东长寿村']) },
      { id: 'yuci-zq', name: '张庆乡团委', kind: 'township', children: villages('yuci-zq', ['张庆村', '王村']) },
      { id: 'yuci-wjs', name: '乌金山镇团委', kind: 'township', children: villages('yuci-wjs', ['后沟村', '大峪村']) },
      {
        id: 'yuci-xx',
        name: '榆次区新兴行业派出团工委',
        kind: 'working_committee',
        children: [
          { id: 'yuci-xx-express', name: '快递行业团支部', kind: 'branch' },
          { id: 'yuci-xx-food', name: '外卖骑手团支部', kind: 'branch' },
          { id: 'yuci-xx-cater', name: '餐饮行业团支部', kind: 'branch' },
        ],
      },
      {
        id: 'yuci-gsl',
        name: '榆次区工商联派出团工委',
        kind: 'working_committee',
        children: [{ id: 'yuci-gsl-qnl', name: '晋中市青年农民联合会团支部', kind: 'branch' }],
      },
    ],
  },
]
