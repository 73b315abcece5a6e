export default defineAppConfig({
  // Main package: the youth's pages. No tabBar yet: tabs arrive with their features.
  pages: ['pages/index/index', 'pages/privacy/index', 'pages/profile/index', 'pages/me/index'],
  subPackages: [
    {
      root: 'packages/admin',
      pages: ['pages/orgs/index', 'pages/roles/index', 'pages/invites/index'],
    },
    {
      root: 'packages/cadre',
      pages: ['pages/youth/index'],
    },
  ],
  window: {
    navigationBarTitleText: '团青通',
    navigationBarBackgroundColor: '#c8102e',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f7',
    backgroundTextStyle: 'dark',
  },
})
