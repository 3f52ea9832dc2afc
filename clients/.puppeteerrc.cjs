// mermaid-cli drives Debian's chromium (see mermaid-puppeteer.json): puppeteer never downloads a browser
module.exports = { skipDownload: true };
