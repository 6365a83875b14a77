#!/usr/bin/env python3
"""Feasibility check for a learned "answered" reading (issue 12; docs/COACH.md, "Not done yet").

A logistic regression over simple features of a question and its reply (word overlap, the
question's first words, numbers, times, yes/no and reason words, deferral, a step taken) plus the
rules' own answer, trained on blind batches 01-13 and tested on 14-15, then left one batch out at
a time over all of them. Only questions whose count the coach gets right are used. Not part of the
product: it prints how much such a layer might gain over the hand-set rules.

    make heed && python3 bench/coach/answered_proto.py     # from the repository root, ~1 minute
"""
import json,subprocess,glob,re,math,random,sys
os_b=sorted(glob.glob('tests/data/coach/blind/batch-*.jsonl'), key=lambda f: int(re.search(r'batch-(\d+)', f).group(1)))
def stem(w):
    w=w.lower().strip("'’")
    for suf in ('ing','ed','es','s'):
        if len(w)>len(suf)+3 and w.endswith(suf): return w[:-len(suf)]
    return w
STOP=set("the a an and or but if of to in on at for with from by is are was were be been am i me my we us our you your it its this that these those there here what when where why how which who whom can could would should will shall do does did have has had not no yes please thanks thank hi hello dear just also any some".split())
def words(t): return re.findall(r"[A-Za-z][A-Za-z'’]+|\d+",t)
def content(t): return {stem(w) for w in words(t) if w.lower() not in STOP and (len(w)>=3 or w.isdigit())}
TIMEW=set("today tomorrow tonight monday tuesday wednesday thursday friday saturday sunday morning afternoon evening week weeks month days hours minutes january february march april may june july august september october november december am pm noon midnight".split())
def feats(q, qi, nq, reply, cr):
    ql=q.lower(); rl=reply.lower()
    qc=content(q); rc=content(reply)
    hit=len(qc&rc); nc=len(qc)
    f={}
    f['rule']=1.0 if cr else 0.0
    f['bias']=1.0
    f['ratio']=hit/nc if nc else 0.0
    f['hit0']=1.0 if hit==0 else 0.0
    f['hit2']=1.0 if hit>=2 else 0.0
    f['nc0']=1.0 if nc==0 else 0.0
    fw=ql.split()[:3]
    first=' '.join(fw)
    for wh in ('why','how','when','where','what','which','who','is','are','can','could','do','does','will','did','would'):
        f['first_'+wh]=1.0 if re.search(r'\b'+wh+r'\b', first) else 0.0
    f['q_howmuch']=1.0 if re.search(r'how (much|many|long)',ql) else 0.0
    f['q_fee']=1.0 if re.search(r'\b(fee|cost|price|charge|pay)\b',ql) else 0.0
    f['r_num']=1.0 if re.search(r'\d',reply) else 0.0
    f['r_money']=1.0 if re.search(r'[£$€]',reply) else 0.0
    f['r_time']=1.0 if any(w in TIMEW for w in re.findall(r'[a-z]+',rl)) else 0.0
    f['r_yes']=1.0 if re.search(r'\b(yes|yep|absolutely|of course|certainly)\b',rl) else 0.0
    f['r_no']=1.0 if re.search(r"\b(no|not|can't|cannot|unfortunately|unable|won't)\b",rl) else 0.0
    f['r_because']=1.0 if re.search(r'\b(because|due to|caused|reason|since|so that|which is why)\b',rl) else 0.0
    f['r_defer']=1.0 if re.search(r'(in touch|look into|looking into|as soon as|get back to you|in due course|passed (it|your)|be reviewed|investigat)',rl) else 0.0
    f['r_deflect']=1.0 if re.search(r'\b(contact|directly|call them|reach them|their (team|website|support))\b',rl) else 0.0
    f['r_step']=1.0 if re.search(r"\b(i've|we've|i have|we have|i'll|we'll)\b",rl) else 0.0
    f['r_youcan']=1.0 if re.search(r"\byou (can|could|'ll|will)\b",rl) else 0.0
    f['r_len_long']=1.0 if len(words(reply))>60 else 0.0
    f['r_short']=1.0 if len(words(reply))<12 else 0.0
    f['nq1']=1.0 if nq==1 else 0.0
    f['qi0']=1.0 if qi==0 else 0.0
    f['last']=1.0 if qi==nq-1 else 0.0
    f['rule_x_defer']=f['rule']*f['r_defer']
    f['rule_x_hit0']=f['rule']*f['hit0']
    return f
def load(files):
    X=[];Y=[];R=[]
    for fn in files:
        cases=[json.loads(l) for l in open(fn)]
        inp='\n'.join(json.dumps({k:c[k] for k in ('customer','reply','now','customer_name') if k in c} | ({} if 'now' in c else {'now':'2026-11-23T10:00:00Z'})) for c in cases)+'\n'
        out=subprocess.run(['./heed','coach'],input=inp,capture_output=True,text=True).stdout.splitlines()
        for c,o in zip(cases,out):
            e=c.get('expect',{}).get('answered')
            if not e or 'reply' not in c: continue
            r=json.loads(o); qs=r['customer'].get('questions',[]); g=r.get('reply',{}).get('answered',[])
            if len(qs)!=len(e) or len(g)!=len(e): continue
            for i,(q,y,cr) in enumerate(zip(qs,e,g)):
                X.append(feats(q,i,len(qs),c['reply'],cr)); Y.append(1.0 if y else 0.0); R.append(1.0 if cr else 0.0)
    return X,Y,R
def train(X,Y,l2=0.01,ep=300,lr=0.3):
    keys=sorted(X[0]); w={k:0.0 for k in keys}
    n=len(X)
    for e in range(ep):
        g={k:0.0 for k in keys}
        for x,y in zip(X,Y):
            z=sum(w[k]*x[k] for k in keys); p=1/(1+math.exp(-max(-30,min(30,z))))
            for k in keys:
                if x[k]: g[k]+=(p-y)*x[k]
        for k in keys: w[k]-=lr*(g[k]/n+l2*w[k])
    return w
def pred(w,x): return 1 if sum(w[k]*x[k] for k in w)>0 else 0
trainf=[f for f in os_b if int(re.search(r'batch-(\d+)',f).group(1))<=13]
testf=[f for f in os_b if int(re.search(r'batch-(\d+)',f).group(1))>=14]
Xtr,Ytr,Rtr=load(trainf); Xte,Yte,Rte=load(testf)
print('train',len(Xtr),'test',len(Xte))
acc_rule_tr=sum(1 for r,y in zip(Rtr,Ytr) if r==y)/len(Ytr)
acc_rule=sum(1 for r,y in zip(Rte,Yte) if r==y)/len(Yte)
w=train(Xtr,Ytr)
acc_tr=sum(1 for x,y in zip(Xtr,Ytr) if pred(w,x)==y)/len(Ytr)
acc=sum(1 for x,y in zip(Xte,Yte) if pred(w,x)==y)/len(Yte)
print(f'rule: train {acc_rule_tr:.3f} test {acc_rule:.3f} | LR: train {acc_tr:.3f} test {acc:.3f}')
# without the rule feature
Xtr2=[{k:v for k,v in x.items() if not k.startswith('rule')} for x in Xtr]; Xte2=[{k:v for k,v in x.items() if not k.startswith('rule')} for x in Xte]
w2=train(Xtr2,Ytr)
print('LR without the rule output: test', sum(1 for x,y in zip(Xte2,Yte) if pred(w2,x)==y)/len(Yte))
for k,v in sorted(w.items(),key=lambda kv:-abs(kv[1]))[:12]: print(f'  {k} {v:+.2f}')
print('--- leave one batch out')
data={}
for f in os_b:
    b=int(re.search(r'batch-(\d+)',f).group(1)); data[b]=load([f])
tot=okr=okl=okl2=0
for b in data:
    X=[];Y=[]
    for o in data:
        if o!=b: X+=data[o][0]; Y+=data[o][1]
    Xs=[{k:v for k,v in x.items() if not k.startswith('rule')} for x in X]
    w=train(X,Y,ep=200); w2=train(Xs,Y,ep=200)
    Xb,Yb,Rb=data[b]
    for x,y,r in zip(Xb,Yb,Rb):
        tot+=1; okr+=(r==y); okl+=(pred(w,x)==y); okl2+=(pred(w2,{k:v for k,v in x.items() if not k.startswith('rule')})==y)
print(f'{tot} questions: rule (in-sample) {okr/tot:.3f}, LR with rule {okl/tot:.3f}, LR without rule {okl2/tot:.3f}')
