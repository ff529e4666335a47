//! The four templates: a complaint to the platform, a complaint to the
//! financial regulator, a report to the police, a lawyer's letter skeleton.
//!
//! Each has the same labelled blanks (投诉人, 被投诉人, 事实与理由, 诉求,
//! 证据清单), says plainly that it is a template to complete and not legal
//! advice, and quotes the provisions the user chose, from the corpus. The
//! templates never choose provisions: which law applies is the user's (or
//! their adviser's) decision.

use super::{Block, DocumentKind, Inline, appendix};
use crate::cite::Letter;

/// Said at the top of every template.
const NOTICE: &str = "模板：这是一份待填写的文书模板，不是法律意见，也不能代替律师或法律援助机构的帮助。\
请把【】中的提示换成您自己的情况，删去不适用的内容。所引条文的原文摘自 fatiao 收录的法律文本，\
是否适用于您的情况请自行判断，或咨询律师、法律援助机构（公共法律服务热线 12348）。";

fn text(s: &str) -> Inline {
    Inline::Text(s.to_string())
}

fn blank(s: &str) -> Inline {
    Inline::Blank(s.to_string())
}

fn field(label: &str, blank: &str) -> Block {
    Block::Field {
        label: label.to_string(),
        blank: blank.to_string(),
    }
}

fn heading(s: &str) -> Block {
    Block::Heading(s.to_string())
}

fn paragraph(inlines: Vec<Inline>) -> Block {
    Block::Paragraph(inlines)
}

/// What differs between the templates; the shared parts are in [`blocks`].
struct Spec {
    title: &'static str,
    /// Said after the common notice: who receives it, what to mind.
    extra_notice: &'static str,
    /// The addressee line.
    to: (&'static str, &'static str),
    complainant: (&'static str, &'static str),
    respondent: (&'static str, &'static str),
    /// Before the facts, e.g. the law firm's opening sentence.
    opening: Option<Vec<Inline>>,
    facts: &'static str,
    /// What to write after 根据……的规定，
    reasons: &'static str,
    demands_heading: &'static str,
    demands: &'static str,
    evidence: &'static str,
    /// The signature lines.
    signature: &'static [(&'static str, &'static str)],
}

fn spec(kind: DocumentKind) -> Spec {
    match kind {
        DocumentKind::Platform => Spec {
            title: "投诉书",
            extra_notice: "用于向借款平台、贷款机构或其委托的催收机构的客服或投诉渠道投诉。",
            to: ("致", "平台或机构名称、客服或投诉部门"),
            complainant: ("投诉人", "姓名；联系电话；在平台的账号或借款合同编号"),
            respondent: ("被投诉人", "催收人员的姓名或工号、所属机构、来电号码或账号"),
            opening: None,
            facts: "按时间顺序写明：哪一天、几点，对方用什么方式（电话、短信、微信等）联系了谁，说了什么、做了什么",
            reasons: "写明上述行为与所引规定的关系",
            demands_heading: "诉求",
            demands: "写明您要求平台或机构做什么，以及希望在多长时间内书面答复",
            evidence: "证据名称（如通话录音、短信或聊天截图、通话记录）——形式——能证明的事实",
            signature: &[("投诉人（签名）", ""), ("日期", "年　月　日")],
        },
        DocumentKind::Regulator => Spec {
            title: "金融消费投诉材料",
            extra_notice: "用于向国家金融监督管理总局或其派出机构投诉（消费者投诉服务热线 12378）。\
投诉前请先确认被投诉机构是否由国家金融监督管理总局监管；不确定的，可先拨打 12378 咨询。",
            to: (
                "致",
                "国家金融监督管理总局××监管局（以受理渠道公布的名称为准）",
            ),
            complainant: (
                "投诉人",
                "姓名；联系电话；与被投诉机构的业务关系（如借款合同编号）",
            ),
            respondent: (
                "被投诉人",
                "金融机构全称；如由其委托的催收机构实施，写明催收机构名称和来电号码",
            ),
            opening: None,
            facts: "按时间顺序写明借款的基本情况，以及催收的时间、方式、对象和内容；写明是否已向机构本身投诉及其答复",
            reasons: "写明上述行为与所引规定的关系",
            demands_heading: "诉求",
            demands: "写明您请求监管部门做什么，以及希望被投诉机构做什么",
            evidence: "证据名称（如借款合同、还款记录、通话录音、截图、已向机构投诉的记录）——形式——能证明的事实",
            signature: &[("投诉人（签名）", ""), ("日期", "年　月　日")],
        },
        DocumentKind::Police => Spec {
            title: "报警材料",
            extra_notice: "用于向公安机关报案：可拨打 110，或带着本材料和证据原件到派出所当面报案。",
            to: ("致", "××公安局××派出所"),
            complainant: ("投诉人（报警人）", "姓名；身份证号码；住址；联系电话"),
            respondent: (
                "被投诉人（行为人）",
                "已知的姓名或称呼、电话号码、微信号或其他账号、所属机构",
            ),
            opening: None,
            facts: "按时间顺序写明：哪一天、几点、在哪里（电话、短信、上门），对方说了什么、做了什么，谁受到了影响（本人、家人、同事）",
            reasons: "写明上述行为与所引规定的关系",
            demands_heading: "诉求",
            demands: "写明您请求公安机关做什么",
            evidence: "证据名称（如通话录音、短信或聊天截图、通话记录、证人）——形式——能证明的事实",
            signature: &[("投诉人（报警人）（签名）", ""), ("日期", "年　月　日")],
        },
        DocumentKind::LawyerLetter | DocumentKind::Letter => Spec {
            title: "律师函",
            extra_notice: "律师函由律师事务所出具，须由执业律师签名并加盖律师事务所公章；\
本骨架只供律师或委托人准备材料时参考，委托人本人不能以律师名义发函。",
            to: ("致（被投诉人）", "收函人的姓名或名称、地址"),
            complainant: ("委托人（投诉人）", "姓名或名称"),
            respondent: ("被投诉人", "姓名或名称；如为催收机构，写明其委托方"),
            opening: Some(vec![
                blank("××律师事务所"),
                text("接受委托人的委托，指派"),
                blank("律师姓名"),
                text("律师，就"),
                blank("事由"),
                text("一事，致函如下："),
            ]),
            facts: "写明委托人陈述并经律师核实的事实",
            reasons: "写明上述行为与所引规定的关系",
            demands_heading: "诉求（函告事项）",
            demands: "写明要求收函人做什么、在什么期限内做，以及不做的后果",
            evidence: "证据名称——形式——能证明的事实",
            signature: &[
                ("律师事务所（盖章）", ""),
                ("律师（签名）", ""),
                ("联系电话", ""),
                ("日期", "年　月　日"),
            ],
        },
    }
}

/// The blocks of the template `kind` for the provisions `letter` cites.
pub(super) fn blocks(kind: DocumentKind, letter: &Letter) -> Vec<Block> {
    let spec = spec(kind);
    let mut blocks = vec![
        Block::Title(spec.title.to_string()),
        Block::Notice(format!("{NOTICE}{}", spec.extra_notice)),
        field(spec.to.0, spec.to.1),
        field(spec.complainant.0, spec.complainant.1),
        field(spec.respondent.0, spec.respondent.1),
    ];
    if let Some(opening) = spec.opening {
        blocks.push(paragraph(opening));
    }
    blocks.push(heading("事实与理由"));
    blocks.push(paragraph(vec![blank(spec.facts)]));
    blocks.push(paragraph(vec![
        text(&letter.paragraph),
        blank(spec.reasons),
    ]));
    blocks.push(heading(spec.demands_heading));
    blocks.push(paragraph(vec![blank(spec.demands)]));
    blocks.push(heading("证据清单"));
    for n in 1..=3 {
        blocks.push(paragraph(vec![
            text(&format!("{n}. ")),
            blank(spec.evidence),
        ]));
    }
    blocks.extend(appendix(letter));
    for (label, hint) in spec.signature {
        blocks.push(field(label, hint));
    }
    blocks
}
