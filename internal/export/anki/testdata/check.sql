SELECT 'FAIL integrity: '||integrity_check FROM pragma_integrity_check WHERE integrity_check<>'ok';
SELECT 'FAIL col rows='||count(*) FROM col HAVING count(*)<>1;
SELECT 'FAIL col.ver='||ver FROM col WHERE ver<>11;
SELECT 'FAIL col.'||k||' not a JSON object' FROM col, (SELECT 'conf' k UNION SELECT 'models' UNION SELECT 'decks' UNION SELECT 'dconf' UNION SELECT 'tags')
 WHERE json_type(CASE k WHEN 'conf' THEN conf WHEN 'models' THEN models WHEN 'decks' THEN decks WHEN 'dconf' THEN dconf ELSE tags END)<>'object';
SELECT 'FAIL col JSON columns must be TEXT' FROM col
 WHERE typeof(conf)<>'text' OR typeof(models)<>'text' OR typeof(decks)<>'text' OR typeof(dconf)<>'text' OR typeof(tags)<>'text';
SELECT 'FAIL note '||id||' guid/tags/flds/data not all TEXT' FROM notes
 WHERE typeof(guid)<>'text' OR typeof(tags)<>'text' OR typeof(flds)<>'text' OR typeof(data)<>'text';
SELECT 'FAIL note '||id||' id/mid/mod not INTEGER' FROM notes WHERE typeof(id)<>'integer' OR typeof(mid)<>'integer' OR typeof(mod)<>'integer';
SELECT 'FAIL model '||m.key||' missing '||r.k FROM col, json_each(col.models) m,
 (SELECT '$.id' k UNION SELECT '$.name' UNION SELECT '$.type' UNION SELECT '$.mod' UNION SELECT '$.usn' UNION SELECT '$.sortf'
  UNION SELECT '$.did' UNION SELECT '$.tmpls' UNION SELECT '$.flds' UNION SELECT '$.css') r WHERE json_type(m.value, r.k) IS NULL;
SELECT 'FAIL model key '||m.key||' <> id '||json_extract(m.value,'$.id') FROM col, json_each(col.models) m WHERE m.key<>CAST(json_extract(m.value,'$.id') AS TEXT);
SELECT 'FAIL model '||m.key||' field '||f.key||' missing '||r.k FROM col, json_each(col.models) m, json_each(m.value,'$.flds') f,
 (SELECT '$.name' k UNION SELECT '$.sticky' UNION SELECT '$.rtl' UNION SELECT '$.font' UNION SELECT '$.size') r WHERE json_type(f.value, r.k) IS NULL;
SELECT 'FAIL model '||m.key||' template '||t.key||' missing '||r.k FROM col, json_each(col.models) m, json_each(m.value,'$.tmpls') t,
 (SELECT '$.name' k UNION SELECT '$.qfmt') r WHERE json_type(t.value, r.k) IS NULL;
SELECT 'FAIL model '||m.key||' sortf out of range' FROM col, json_each(col.models) m WHERE json_extract(m.value,'$.sortf')>=json_array_length(m.value,'$.flds');
SELECT 'FAIL model '||m.key||' duplicate field name '||json_extract(f.value,'$.name') FROM col, json_each(col.models) m, json_each(m.value,'$.flds') f
 GROUP BY m.key, json_extract(f.value,'$.name') HAVING count(*)>1;
SELECT 'FAIL deck '||d.key||' missing '||r.k FROM col, json_each(col.decks) d,
 (SELECT '$.id' k UNION SELECT '$.name' UNION SELECT '$.usn' UNION SELECT '$.collapsed' UNION SELECT '$.dyn' UNION SELECT '$.conf'
  UNION SELECT '$.newToday' UNION SELECT '$.revToday' UNION SELECT '$.lrnToday' UNION SELECT '$.timeToday') r WHERE json_type(d.value, r.k) IS NULL;
SELECT 'FAIL deck '||d.key||' conf '||json_extract(d.value,'$.conf')||' not in dconf' FROM col, json_each(col.decks) d
 WHERE json_type(col.dconf, '$."'||json_extract(d.value,'$.conf')||'"') IS NULL;
SELECT 'FAIL dconf '||c.key||' missing '||r.k FROM col, json_each(col.dconf) c,
 (SELECT '$.id' k UNION SELECT '$.mod' UNION SELECT '$.name' UNION SELECT '$.usn' UNION SELECT '$.maxTaken' UNION SELECT '$.autoplay'
  UNION SELECT '$.timer' UNION SELECT '$.new' UNION SELECT '$.rev' UNION SELECT '$.lapse') r WHERE json_type(c.value, r.k) IS NULL;
SELECT 'FAIL note '||n.id||' mid '||n.mid||' not in models' FROM notes n, col WHERE json_type(col.models,'$."'||n.mid||'"') IS NULL;
SELECT 'FAIL note '||n.id||' has '||(length(n.flds)-length(replace(n.flds,char(31),''))+1)||' fields, model has '||json_array_length(col.models,'$."'||n.mid||'".flds')
 FROM notes n, col WHERE length(n.flds)-length(replace(n.flds,char(31),''))+1 <> json_array_length(col.models,'$."'||n.mid||'".flds');
SELECT 'FAIL note '||id||' empty guid' FROM notes WHERE guid IS NULL OR guid='';
SELECT 'FAIL duplicate guid '||guid FROM notes GROUP BY guid HAVING count(*)>1;
SELECT 'FAIL(convention) note '||id||' mod looks like ms, not s: '||mod FROM notes WHERE mod>=10000000000;
SELECT 'FAIL note '||id||' id in the future (> now+1d ms)' FROM notes WHERE id>(unixepoch()+86400)*1000;
SELECT 'FAIL(convention) note '||id||' tags not space-padded' FROM notes WHERE tags<>'' AND (substr(tags,1,1)<>' ' OR substr(tags,-1)<>' ');
SELECT 'FAIL(convention) note '||id||' has no cards' FROM notes WHERE id NOT IN (SELECT nid FROM cards);
SELECT 'FAIL card '||c.id||' nid not in notes' FROM cards c WHERE c.nid NOT IN (SELECT id FROM notes);
SELECT 'FAIL card '||c.id||' did '||c.did||' not in decks' FROM cards c, col WHERE json_type(col.decks,'$."'||c.did||'"') IS NULL;
SELECT 'FAIL card '||c.id||' ord '||c.ord||' >= template count' FROM cards c JOIN notes n ON n.id=c.nid, col
 WHERE json_extract(col.models,'$."'||n.mid||'".type')=0 AND c.ord>=json_array_length(col.models,'$."'||n.mid||'".tmpls');
SELECT 'FAIL duplicate card (nid,ord) '||nid||','||ord FROM cards GROUP BY nid, ord HAVING count(*)>1;
SELECT 'FAIL card '||id||' id in the future (> now+1d ms)' FROM cards WHERE id>(unixepoch()+86400)*1000;
SELECT 'FAIL(convention) revlog/graves not empty' WHERE (SELECT count(*) FROM revlog)+(SELECT count(*) FROM graves)>0;
