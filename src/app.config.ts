export default defineAppConfig({
  // Main package: the tabs and the pages a person can open first. The entry page comes first (it
  // decides where a person starts); privacy and profile are a new user's first steps; an activity is
  // opened from a shared card or a subscription message.
  pages: [
    'pages/index/index',
    'pages/activities/index',
    'pages/groups/index',
    'pages/points/index',
    'pages/me/index',
    'pages/privacy/index',
    'pages/profile/index',
    'pages/activity/index',
    // Public: opened by scanning a certificate's QR code, before (or without) any registration.
    'pages/verify/index',
    // Public: the 爱心企业榜, opened from a shared card or link, or from the 益币 tab.
    'pages/donors/index',
  ],
  subPackages: [
    {
      // The youth's other pages, reached only from a page above; fetched ahead (preloadRule below).
      root: 'packages/youth',
      pages: ['pages/checkin/index', 'pages/my-activities/index', 'pages/my-code/index', 'pages/hours/index', 'pages/declare/index', 'pages/certificate/index'],
    },
    {
      // A cadre's 爱心证书 for a donor, opened from the donors they manage.
      root: 'packages/donor',
      pages: ['pages/certificate/index'],
    },
    {
      root: 'packages/admin',
      pages: ['pages/orgs/index', 'pages/roles/index', 'pages/invites/index', 'pages/points-policy/index'],
    },
    {
      root: 'packages/cadre',
      pages: ['pages/youth/index', 'pages/activities/index', 'pages/activity-edit/index', 'pages/board/index', 'pages/scan/index', 'pages/review/index', 'pages/venues/index', 'pages/donors/index', 'pages/goods/index', 'pages/goods-edit/index', 'pages/mall-report/index', 'pages/points/index', 'pages/stations/index', 'pages/station-edit/index', 'pages/home-edit/index', 'pages/station-people/index', 'pages/opinions/index', 'pages/surveys/index', 'pages/survey-edit/index', 'pages/survey-results/index', 'pages/duty-roster/index'],
    },
    {
      // The clerk's counter (核销), opened from 我的; it keeps the venue's orders on the phone for poor networks.
      root: 'packages/clerk',
      pages: ['pages/pickup/index'],
    },
    {
      // 社群 beyond its tab: a group's page (opened from a shared card or its mini-program code too), an
      // announcement with its replies; and, for a group's admins and the cadres, editing, members and
      // requests, posting, the tower with its coverage.
      root: 'packages/community',
      pages: ['pages/group/index', 'pages/announcement/index', 'pages/manage/index', 'pages/post/index', 'pages/group-edit/index', 'pages/tower/index'],
    },
    {
      // 联络站 and 青年之家: for youth, the venues near them (list and map), a station's page, opinions and
      // surveys; for representatives and committee members, the year's duties, checking in at a station's
      // door, the opinions assigned to them and the people they are linked with; the door code itself;
      // for a youth, the representatives linked with them (我的团代表).
      root: 'packages/station',
      pages: ['pages/venues/index', 'pages/venue/index', 'pages/opinion-new/index', 'pages/opinions/index', 'pages/opinion/index', 'pages/surveys/index', 'pages/survey/index', 'pages/duties/index', 'pages/visit/index', 'pages/assigned/index', 'pages/linked/index', 'pages/door/index', 'pages/my-rep/index'],
    },
    {
      // The mall (益币兑福利) beyond its tab: goods detail and redemption, my orders with the pickup code, the ledger.
      root: 'packages/mall',
      pages: ['pages/goods/index', 'pages/orders/index', 'pages/order/index', 'pages/ledger/index'],
    },
  ],
  // Check-in at the riverbank must not wait for a download: the youth package comes with the
  // activity page (and with 我的, the way to hours, codes and certificates), on any network.
  // WeChat counts what the pages of one package preload against one 2 MB quota (tests/builds).
  preloadRule: {
    'pages/activity/index': { network: 'all', packages: ['packages/youth'] },
    // The clerk reaches 核销 from 我的, often at a counter with a poor signal: the counter is on the
    // phone before it is tapped. It is small, so it comes for everyone rather than waiting for the roles.
    'pages/me/index': { network: 'all', packages: ['packages/youth', 'packages/clerk'] },
    // A tap on a goods card or on 我的兑换 opens the mall package: fetch it while the tab is read.
    'pages/points/index': { network: 'all', packages: ['packages/mall'] },
    // A group card on the 社群 tab opens the community package.
    'pages/groups/index': { network: 'all', packages: ['packages/community'] },
  },
  tabBar: {
    color: '#6b6b73',
    selectedColor: '#c8102e',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      {
        pagePath: 'pages/activities/index',
        text: '活动',
        iconPath: 'assets/tabbar/activities.png',
        selectedIconPath: 'assets/tabbar/activities-active.png',
      },
      {
        pagePath: 'pages/groups/index',
        text: '社群',
        iconPath: 'assets/tabbar/groups.png',
        selectedIconPath: 'assets/tabbar/groups-active.png',
      },
      {
        pagePath: 'pages/points/index',
        text: '益币',
        iconPath: 'assets/tabbar/points.png',
        selectedIconPath: 'assets/tabbar/points-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tabbar/me.png',
        selectedIconPath: 'assets/tabbar/me-active.png',
      },
    ],
  },
  // 附近的活动 and 定位签到 read the position while the page is open.
  permission: {
    'scope.userLocation': { desc: '用于查找附近的活动和活动现场定位签到' },
  },
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  window: {
    navigationBarTitleText: '团青通',
    navigationBarBackgroundColor: '#c8102e',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f7',
    backgroundTextStyle: 'dark',
  },
})
