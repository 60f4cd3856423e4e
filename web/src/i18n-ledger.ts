/**
 * Interface text of the tamper-evident ledger: the receipt verification page, the ledger facts on
 * the receipt card and the opening hall. zh-CN first, en-US must supply every key. A check reads as
 * a sentence a bidder understands; the checking code's own words are shown beneath as detail.
 */
export const ledgerZhCN = {
  'nav.receipt-verify': '回执核验',

  'ledger.verify.title': '回执核验',
  'ledger.verify.intro':
    '粘贴投标回执（投标页面“复制回执”或“下载回执”得到的 JSON），或选择回执文件。核验在本机浏览器中完成：回执不发给任何人，只向交易平台获取其公布的公钥和最新签名树头。',
  'ledger.verify.publicIntro': '无需登录：任何持有投标回执的人都可以核验。',
  'ledger.verify.placeholder': '在此粘贴回执 JSON',
  'ledger.verify.chooseFile': '选择回执文件',
  'ledger.verify.submit': '核验',
  'ledger.verify.clear': '清空',
  'ledger.verify.toLogin': '登录',
  'ledger.verify.fromLogin': '持有投标回执？无需登录即可核验',
  'ledger.verify.prefilled': '已填入投标页面的回执',

  'ledger.input.empty': '请先粘贴回执或选择回执文件',
  'ledger.input.notJson': '这不是 JSON：{detail}',
  'ledger.input.notObject': '这不是投标回执：回执应是一个 JSON 对象',
  'ledger.input.receiptTextOnly':
    '这只是回执的签名文本，不是完整回执：请用投标页面的“复制回执”或“下载回执”得到完整回执',
  'ledger.input.noLedger': '这份回执没有账本证明（缺少字段 ledger）：请在投标页面重新获取回执',
  'ledger.input.missing': '这不是投标回执：缺少字段 {field}',
  'ledger.input.badField': '这不是投标回执：字段 {field} 不正确（{detail}）',
  'ledger.input.unreadable': '无法读取文件 {name}',

  'ledger.step.parse': '读取回执',
  'ledger.step.keys': '获取平台公布的公钥',
  'ledger.step.receipt': '核验回执与账本证明',
  'ledger.step.latest': '核对最新树头',
  'ledger.checking': '正在核验…',

  'ledger.verdict.pass': '通过',
  'ledger.verdict.passText': '回执由交易平台签发，这次投标的递交已记入账本，此后账本只追加、未被改写。',
  'ledger.verdict.fail': '未通过',
  'ledger.verdict.failText': '第一项未通过的核验：{check}',
  'ledger.verdict.incomplete': '未发现问题，但未完全核验',
  'ledger.verdict.integrityOnly':
    '未能连接交易平台，已按回执自带的公钥核验：这只证明回执未被改动，不能证明它由平台签发。',
  'ledger.verdict.skipped': '未能核验：{checks}',
  'ledger.unreachable': '平台未响应：{reason}',

  'ledger.fact.bidId': '投标编号',
  'ledger.fact.receivedAt': '递交时间',
  'ledger.fact.leafIndex': '账本叶子',
  'ledger.fact.treeHead': '签名树头',
  'ledger.fact.treeHeadValue': '第 {seq} 号，大小 {size}',
  'ledger.fact.treeHeadAt': '树头签署时间',
  'ledger.fact.root': '树根',
  'ledger.fact.latestHead': '最新树头',
  'ledger.fact.keys': '核验所用公钥',
  'ledger.fact.keys.published': '交易平台公布的公钥',
  'ledger.fact.keys.carried': '回执自带的公钥（仅证明完整性）',

  'ledger.check.receipt-digest': '回执摘要',
  'ledger.check.receipt-signature': '回执签名',
  'ledger.check.receipt-key': '回执签名公钥',
  'ledger.check.receipt-content': '回执内容',
  'ledger.check.leaf-entry': '账本叶子',
  'ledger.check.leaf-in-tree': '叶子包含证明',
  'ledger.check.ledger-key': '账本公钥',
  'ledger.check.tree-head-key': '树头密钥',
  'ledger.check.tree-head-signature': '树头签名',
  'ledger.check.latest-head': '最新树头',
  'ledger.check.consistency': '账本一致性',

  'ledger.ok.receipt-digest': '回执摘要正确（与回执文本的 SHA-256 一致）',
  'ledger.failed.receipt-digest': '回执摘要与回执文本不符：回执文本被改动过',
  'ledger.ok.receipt-signature': '回执签名有效（平台 SM2 签名）',
  'ledger.failed.receipt-signature': '回执签名无效：不是交易平台用这把密钥签发的，或回执文本被改动过',
  'ledger.ok.receipt-key': '回执所附的签名公钥就是交易平台公布的回执签名公钥',
  'ledger.failed.receipt-key': '回执所附的签名公钥不是交易平台公布的回执签名公钥',
  'ledger.ok.receipt-content': '回执显示的内容与平台签名的文本一致（投标 {bidId}）',
  'ledger.failed.receipt-content': '回执显示的内容与平台签名的文本不一致',
  'ledger.ok.leaf-entry': '该投标的递交事件是账本第 {index} 号叶子',
  'ledger.failed.leaf-entry': '账本第 {index} 号叶子不是这份回执对应的投标递交事件',
  'ledger.ok.leaf-in-tree': '叶子包含在第 {seq} 号签名树头（大小 {size}，根 {root}）中',
  'ledger.failed.leaf-in-tree':
    '叶子不在第 {seq} 号签名树头（大小 {size}，根 {root}）中：叶子内容、包含证明或树根被改动过',
  'ledger.ok.ledger-key': '回执所附的账本公钥就是交易平台公布的账本公钥',
  'ledger.failed.ledger-key': '回执所附的账本公钥不是交易平台公布的账本公钥',
  'ledger.ok.tree-head-key': '树头注明的签名密钥就是核验所用的公钥',
  'ledger.failed.tree-head-key': '树头注明的签名密钥不是核验所用的公钥',
  'ledger.ok.tree-head-signature': '树头签名有效（{algorithm}）',
  'ledger.failed.tree-head-signature': '树头签名无效（{algorithm}）：树头被改动过，或不是这把密钥签的',
  'ledger.ok.latest-head': '最新树头（第 {seq} 号，大小 {size}）签名有效',
  'ledger.failed.latest-head': '最新树头的签名无效',
  'ledger.ok.consistency': '此后账本只追加、未被改写（第 {from} 号树头 → 第 {to} 号树头）',
  'ledger.failed.consistency': '最新树头与回执中的树头对不上：账本可能被改写过',
  'ledger.skipped': '未核验：未能从交易平台取得所需数据',
  'ledger.state.ok': '通过',
  'ledger.state.failed': '未通过',
  'ledger.state.skipped': '未核验',

  'ledger.receipt.leaf': '账本叶子',
  'ledger.receipt.treeHead': '签名树头',
  'ledger.receipt.treeHeadValue': '第 {seq} 号（大小 {size}）',
  'ledger.receipt.verify': '核验回执',

  'hall.ledgerLeaf': '账本叶子',
  'hall.ledgerLeafIs': '账本叶子 {index}',
};

export type LedgerMessageKey = keyof typeof ledgerZhCN;

export const ledgerEnUS: Readonly<Record<LedgerMessageKey, string>> = {
  'nav.receipt-verify': 'Verify a receipt',

  'ledger.verify.title': 'Verify a receipt',
  'ledger.verify.intro':
    'Paste a bid receipt (the JSON from "Copy the receipt" or "Download the receipt" on the tender page), or choose the receipt file. It is checked here in your browser: the receipt goes to no one, and only the keys and the latest signed tree head the trading platform publishes are fetched.',
  'ledger.verify.publicIntro': 'No sign-in needed: anyone holding a bid receipt may check it.',
  'ledger.verify.placeholder': 'Paste the receipt JSON here',
  'ledger.verify.chooseFile': 'Choose a receipt file',
  'ledger.verify.submit': 'Verify',
  'ledger.verify.clear': 'Clear',
  'ledger.verify.toLogin': 'Sign in',
  'ledger.verify.fromLogin': 'Holding a bid receipt? Verify it without signing in',
  'ledger.verify.prefilled': 'Filled in with the receipt from the tender page',

  'ledger.input.empty': 'Paste a receipt or choose a receipt file first',
  'ledger.input.notJson': 'This is not JSON: {detail}',
  'ledger.input.notObject': 'This is not a bid receipt: a receipt is a JSON object',
  'ledger.input.receiptTextOnly':
    'This is only the signed text of a receipt, not the whole receipt: use "Copy the receipt" or "Download the receipt" on the tender page',
  'ledger.input.noLedger':
    'This receipt has no ledger proof (the field ledger is missing): get the receipt again on the tender page',
  'ledger.input.missing': 'This is not a bid receipt: the field {field} is missing',
  'ledger.input.badField': 'This is not a bid receipt: the field {field} is wrong ({detail})',
  'ledger.input.unreadable': 'Cannot read the file {name}',

  'ledger.step.parse': 'Read the receipt',
  'ledger.step.keys': "Fetch the platform's published keys",
  'ledger.step.receipt': 'Check the receipt and its ledger proof',
  'ledger.step.latest': 'Check against the latest tree head',
  'ledger.checking': 'Checking…',

  'ledger.verdict.pass': 'Verified',
  'ledger.verdict.passText':
    'The trading platform issued this receipt, the submission of this bid is in its ledger, and the ledger has only been appended to since.',
  'ledger.verdict.fail': 'Not verified',
  'ledger.verdict.failText': 'First check failed: {check}',
  'ledger.verdict.incomplete': 'Nothing wrong found, but not fully checked',
  'ledger.verdict.integrityOnly':
    'The trading platform could not be reached, so the receipt was checked against the keys it carries: this proves only that it was not altered, not that the platform issued it.',
  'ledger.verdict.skipped': 'Not checked: {checks}',
  'ledger.unreachable': 'The platform did not answer: {reason}',

  'ledger.fact.bidId': 'Bid ID',
  'ledger.fact.receivedAt': 'Received at',
  'ledger.fact.leafIndex': 'Ledger leaf',
  'ledger.fact.treeHead': 'Signed tree head',
  'ledger.fact.treeHeadValue': 'No. {seq}, size {size}',
  'ledger.fact.treeHeadAt': 'Tree head signed at',
  'ledger.fact.root': 'Root',
  'ledger.fact.latestHead': 'Latest tree head',
  'ledger.fact.keys': 'Keys checked against',
  'ledger.fact.keys.published': "The trading platform's published keys",
  'ledger.fact.keys.carried': "The receipt's own keys (integrity only)",

  'ledger.check.receipt-digest': 'Receipt digest',
  'ledger.check.receipt-signature': 'Receipt signature',
  'ledger.check.receipt-key': 'Receipt signing key',
  'ledger.check.receipt-content': 'Receipt content',
  'ledger.check.leaf-entry': 'Ledger leaf',
  'ledger.check.leaf-in-tree': 'Inclusion proof',
  'ledger.check.ledger-key': 'Ledger key',
  'ledger.check.tree-head-key': 'Tree head key',
  'ledger.check.tree-head-signature': 'Tree head signature',
  'ledger.check.latest-head': 'Latest tree head',
  'ledger.check.consistency': 'Ledger consistency',

  'ledger.ok.receipt-digest': "The receipt's digest is right (the SHA-256 of the receipt text)",
  'ledger.failed.receipt-digest': "The receipt's digest does not match its text: the text was altered",
  'ledger.ok.receipt-signature': "The receipt's signature is valid (the platform's SM2 signature)",
  'ledger.failed.receipt-signature':
    "The receipt's signature is not valid: not issued by the trading platform with this key, or the text was altered",
  'ledger.ok.receipt-key': "The signing key in the receipt is the trading platform's published receipt key",
  'ledger.failed.receipt-key':
    "The signing key in the receipt is not the trading platform's published receipt key",
  'ledger.ok.receipt-content': 'What the receipt shows is what the platform signed (bid {bidId})',
  'ledger.failed.receipt-content': 'What the receipt shows is not what the platform signed',
  'ledger.ok.leaf-entry': "This bid's submission is leaf {index} of the ledger",
  'ledger.failed.leaf-entry': "Leaf {index} of the ledger is not this receipt's bid submission",
  'ledger.ok.leaf-in-tree': 'The leaf is in signed tree head no. {seq} (size {size}, root {root})',
  'ledger.failed.leaf-in-tree':
    'The leaf is not in signed tree head no. {seq} (size {size}, root {root}): the leaf, the proof or the root was altered',
  'ledger.ok.ledger-key': "The ledger key in the receipt is the trading platform's published ledger key",
  'ledger.failed.ledger-key':
    "The ledger key in the receipt is not the trading platform's published ledger key",
  'ledger.ok.tree-head-key': 'The tree head names the key it was checked against',
  'ledger.failed.tree-head-key': 'The tree head names another key than the one it was checked against',
  'ledger.ok.tree-head-signature': "The tree head's signature is valid ({algorithm})",
  'ledger.failed.tree-head-signature':
    "The tree head's signature is not valid ({algorithm}): the head was altered, or this key did not sign it",
  'ledger.ok.latest-head': "The latest tree head's signature (no. {seq}, size {size}) is valid",
  'ledger.failed.latest-head': "The latest tree head's signature is not valid",
  'ledger.ok.consistency':
    'Since then the ledger was only appended to, never rewritten (tree head no. {from} → no. {to})',
  'ledger.failed.consistency':
    "The latest tree head does not extend the receipt's: the ledger may have been rewritten",
  'ledger.skipped': 'Not checked: what it needs could not be had from the trading platform',
  'ledger.state.ok': 'Passed',
  'ledger.state.failed': 'Failed',
  'ledger.state.skipped': 'Not checked',

  'ledger.receipt.leaf': 'Ledger leaf',
  'ledger.receipt.treeHead': 'Signed tree head',
  'ledger.receipt.treeHeadValue': 'No. {seq} (size {size})',
  'ledger.receipt.verify': 'Verify the receipt',

  'hall.ledgerLeaf': 'Ledger leaf',
  'hall.ledgerLeafIs': 'ledger leaf {index}',
};
