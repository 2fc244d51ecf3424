"""Short texts written for the CLI tests of options and configuration: a page with one body
paragraph under a site's name, a rule file that names that site, and a reading layer."""

BODY = ("今天的天气很好，我们一起去公园散步，看到了很多盛开的花朵和飞翔的小鸟，大家都非常开心。"
        "傍晚时分我们回到家里，一起做了晚饭，又聊了很久才去休息。")
PAGE = f"我的小站\n{BODY}\n"
RULES = "[site-name max=20 where=edge]\n^我的小站$\n"
LAYER = ("煤电等传(chuan) 统产(chan) 业(ye) 占比高，转型压力大，为(wei) 阳泉市高质量转型发展指明了方向。"
         "市委书(shu) 记表示，对于(yu) 下一步工作，我们(men) 充满信心。\n")
