// A CMS's own scripts, with globals named like the widget's (tests/host/cms*.html).
window.VisionIndex = { version: 'cms-2.1', init() { throw new Error('the CMS VisionIndex was called'); } };
window.state = 'cms-state';
window.engine = { run() { throw new Error('the CMS engine was called'); } };
window.chart = 'cms-chart';
window.render = () => {
  throw new Error('the CMS render was called');
};
var h = 'cms-h';
var t = 'cms-t';
document.addEventListener('DOMContentLoaded', () => {
  document.querySelector('.site-header .when').textContent = '2026年12月2日更新';
});
