#!/usr/bin/env python3
"""Writes the bad-input corpus of tests/bad/ (issue 15): one file per way a file
people make by hand can be wrong, each derived from the conformance dataset
tests/fixtures/conformance/tiny.json. What each must produce is in
tests/bad/expected.json, checked natively by tests/bad_corpus.rs and through the
page in Chromium by the e2e test "bad corpus". Run from the repository root:

    python3 tests/bad/make.py

The 50 MB file is not committed: both tests write it at run time.
"""
import json
import os
import random

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, 'tests', 'bad')
TINY_TEXT = open(os.path.join(ROOT, 'tests', 'fixtures', 'conformance', 'tiny.json'), encoding='utf-8').read()
TINY = json.loads(TINY_TEXT)


def tiny():
    return json.loads(TINY_TEXT)


def dump(v):
    return json.dumps(v, ensure_ascii=False, indent=1) + '\n'


files = {}  # name -> bytes


def put(name, data):
    files[name] = data.encode('utf-8') if isinstance(data, str) else data


def edit(name, fn):
    d = tiny()
    fn(d)
    put(name, dump(d))


def text(name, old, new, count=1):
    assert old in TINY_TEXT, old
    put(name, TINY_TEXT.replace(old, new, count))


# ---- syntax and encoding
put('truncated.json', TINY_TEXT[: len(TINY_TEXT) * 2 // 3])
put('truncated-in-string.json', TINY_TEXT[: TINY_TEXT.index('小さな例') + 2])
put('empty.json', b'')
put('whitespace-only.json', ' \r\n\t \n')
put('not-object.json', '[1, 2, 3]\n')
put('number-root.json', '42\n')
put('string-root.json', '"vision-index/1"\n')
text('trailing-comma.json', '"base_value": 100,', '"base_value": 100,,')
text('comment.json', '"years":', '// the years\n  "years":')
text('single-quotes.json', '"title": { "ja": "小さな例", "en": "Tiny example" }', "'title': { 'ja': '小さな例' }")
text('nan-literal.json', '"baseline": 200,', '"baseline": NaN,')
text('infinity-literal.json', '"baseline": 12,', '"baseline": Infinity,')
text('minus-infinity-literal.json', '"values": { "2024": 230 }', '"values": { "2024": -Infinity }')
text('nan-string.json', '"baseline": 200,', '"baseline": "NaN",')
text('number-overflow.json', '"baseline": 5100,', '"baseline": 1e999,')
text('number-overflow-negative.json', '"value": 130,', '"value": -1e400,')
text('raw-newline-in-string.json', '"name": "方針1"', '"name": "方針\n1"')
text('lone-surrogate.json', '"name": "方針2"', '"name": "\\ud800方針2"')
text('bad-escape.json', '"name": "方針2"', '"name": "\\x41"')
put('deep-nesting.json', '{"format": "vision-index/1", "title": ' + '[' * 200 + ']' * 200 + '}\n')
rng = random.Random(15)
put('binary-junk.bin.json', bytes(rng.randrange(256) for _ in range(512)))
put('nul-bytes.json', TINY_TEXT.encode('utf-8').replace(b'"title"', b'"ti\x00tle"', 1))
put('shift-jis.json', TINY_TEXT.encode('cp932'))
put('utf-16-bom.json', TINY_TEXT.encode('utf-16'))
put('utf-8-bom.json', b'\xef\xbb\xbf' + TINY_TEXT.encode('utf-8'))  # loads: the BOM is skipped
put('gzip-bytes.json', b'\x1f\x8b\x08\x00' + bytes(rng.randrange(256) for _ in range(64)))
put('xlsx-bytes.json', b'PK\x03\x04' + bytes(rng.randrange(256) for _ in range(64)))

# ---- the format and the shape
edit('format-missing.json', lambda d: d.pop('format'))
edit('format-wrong.json', lambda d: d.update(format='vision-index/2'))
edit('scenario-as-dataset.json', lambda d: d.update(format='vision-index-scenario/1'))
edit('years-string.json', lambda d: d['years'].update(first='2023'))
edit('wrong-types.json', lambda d: (d['goals'][1].update(weight='2'), d['indicators'][0].update(illustrative='yes'),
                                     d['indicators'][1].update(values=[11, 10.5])))
edit('indicators-object.json', lambda d: d.update(indicators={'G1-a': d['indicators'][0]}))
edit('missing-baseline.json', lambda d: d['indicators'][2].pop('baseline'))
edit('empty-name.json', lambda d: d['goals'][0].update(name=''))
edit('bad-enum.json', lambda d: (d['indicators'][0].update(direction='upward'), d['indicators'][1].update(stage='long')))
edit('unknown-field.json', lambda d: d['indicators'][0].update(baseLine=201))  # a warning: loads

# ---- ids and references
edit('dangling-ids.json', lambda d: (d['goals'][0].update(policy='P9'), d['indicators'][2].update(goal='G7'),
                                      d['projects'][0].update(goals=['G2', 'G8'])))
edit('duplicate-indicator-id.json', lambda d: d['indicators'][4].update(id='G1-a'))
edit('duplicate-goal-id.json', lambda d: d['goals'][2].update(id='G1'))
edit('id-with-space.json', lambda d: d['policies'][1].update(id='P 2'))
edit('id-empty.json', lambda d: d['indicators'][3].update(id=''))
edit('id-too-long.json', lambda d: d['indicators'][3].update(id='x' * 65))
text('duplicate-key.json', '"baseline": 200,', '"baseline": 200, "baseline": 210,')  # a warning: the first is used

# ---- years
edit('years-reversed.json', lambda d: d['years'].update(first=2031, last=2023))
edit('years-span.json', lambda d: d['years'].update(first=1900, last=2031))
edit('year-out-of-range.json', lambda d: d['indicators'][0]['targets'].update({'2099': 300}))
edit('year-key-not-a-year.json', lambda d: d['indicators'][0]['values'].update({'20x4': 1}))
edit('value-before-base-year.json', lambda d: (d['years'].update(first=2020), d['indicators'][0]['values'].update({'2021': 190})))
edit('milestones-not-monotone.json', lambda d: d['index'].update(milestones=[
    {'year': 2031, 'value': 135}, {'year': 2027, 'value': 130}]))
edit('milestone-outside-years.json', lambda d: d['index']['milestones'].append({'year': 2040, 'value': 150}))
edit('base-year-outside.json', lambda d: d['index'].update(base_year=2019))

# ---- numbers
edit('zero-baseline.json', lambda d: d['indicators'][0].update(baseline=0))
edit('negative-baseline.json', lambda d: d['indicators'][0].update(baseline=-200))
edit('negative-value.json', lambda d: d['indicators'][2]['values'].update({'2024': -5}))
edit('negative-weight.json', lambda d: d['goals'][2].update(weight=-1))
edit('cap-zero.json', lambda d: d['index'].update(method={'cap': 0}))
edit('base-value-not-100.json', lambda d: d['index'].update(base_value=120))  # a warning: loads
edit('huge-numbers.json', lambda d: (d['indicators'][0].update(baseline=1.7976931348623157e308),
                                      d['indicators'][0]['targets'].update({'2027': 1e308}),
                                      d['index']['milestones'][0].update(value=1.6e308)))  # loads: finite numbers

# ---- hostile text (valid datasets: shown as text, never run)
HOSTILE = '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>'


def hostile(d):
    d['title'] = {'ja': HOSTILE + '題', 'en': 'javascript:alert(1)' + HOSTILE}
    d['index']['name'] = {'ja': '<b>指数</b>' + HOSTILE, 'en': HOSTILE}
    for x in d['policies'] + d['goals'] + d['indicators']:
        x['name'] = {'ja': HOSTILE + x['id'], 'en': '"><svg onload=alert(1)>' + x['id']}
    for x in d['indicators']:
        x['unit'] = '<u>件</u>'
        x['source'] = {'ja': 'javascript:alert(1)', 'en': HOSTILE}
    d['projects'][0]['name'] = HOSTILE
    d['projects'][0]['kpis'][0]['name'] = '<a href="javascript:alert(1)">KPI</a>'
    d['notice'] = {'ja': HOSTILE, 'en': HOSTILE}
    d['about'] = {'ja': 'javascript:void(0)' + HOSTILE, 'en': HOSTILE}


edit('hostile-text.json', hostile)

# ---- scenarios (of tests/fixtures/conformance/tiny.json)
SC = {'format': 'vision-index-scenario/1', 'targets': [{'indicator': 'G1-a', 'year': 2027, 'value': 280}]}


def sc(name, fn):
    d = json.loads(json.dumps(SC))
    fn(d)
    put(name, dump(d))


sc('unknown-indicator.scenario.json', lambda d: d['targets'].append({'indicator': 'G9-z', 'year': 2027, 'value': 1}))
sc('scenario-year-out-of-range.scenario.json', lambda d: d['targets'].append({'indicator': 'G1-b', 'year': 2040, 'value': 9}))
sc('scenario-negative.scenario.json', lambda d: d['targets'].append({'indicator': 'G1-b', 'year': 2031, 'value': -1}))
sc('scenario-duplicate.scenario.json', lambda d: d['targets'].append({'indicator': 'G1-a', 'year': 2027, 'value': 290}))
sc('scenario-wrong-types.scenario.json', lambda d: d['targets'].append({'indicator': 'G1-b', 'year': '2031', 'value': 'high'}))
sc('scenario-unknown-goal-weight.scenario.json', lambda d: d.update(weights={'goals': {'G5': 2}}))
sc('scenario-bad-method.scenario.json', lambda d: d.update(method={'aggregate': 'median', 'cap': -3}))
# a dataset labelled as a scenario, opened as one: refused (not applied as an empty scenario)
edit('dataset-as-scenario.scenario.json', lambda d: d.update(format='vision-index-scenario/1'))

for name in sorted(os.listdir(OUT)):
    if name.endswith('.json') and name != 'expected.json' and name not in files:
        os.remove(os.path.join(OUT, name))
for name, data in files.items():
    with open(os.path.join(OUT, name), 'wb') as f:
        f.write(data)
print(f'tests/bad: {len(files)} files')
