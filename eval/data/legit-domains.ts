/**
 * Legitimate domains for training negatives and false-positive measurement, written from public knowledge
 * (facts, not copied from any list). Two sets:
 *  - WELL_KNOWN_SITES: big general sites across kinds and countries (search, mail, shops, banks, news,
 *    universities, government, developer tools, hosting), the names lures are NOT built from but that a
 *    phishing model must not flag;
 *  - TOKEN_PROJECT_DOMAINS: the official sites of projects behind tokens in @uniswap/default-token-list.
 * Both are split by a hash of the domain into a training half and an evaluation half (eval/legit-split.ts).
 */

export const WELL_KNOWN_SITES: string[] = `
google.com youtube.com facebook.com instagram.com whatsapp.com wikipedia.org amazon.com twitter.com x.com reddit.com
yahoo.com bing.com duckduckgo.com baidu.com yandex.ru vk.com qq.com taobao.com tmall.com jd.com weibo.com sohu.com
linkedin.com netflix.com microsoft.com office.com live.com outlook.com apple.com icloud.com tiktok.com twitch.tv
pinterest.com tumblr.com quora.com stackoverflow.com stackexchange.com github.com gitlab.com bitbucket.org
npmjs.com pypi.org rust-lang.org python.org nodejs.org mozilla.org firefox.com chromium.org w3.org ietf.org
cloudflare.com akamai.com fastly.com digitalocean.com heroku.com vercel.com netlify.com render.com fly.io
aws.amazon.com azure.microsoft.com oracle.com ibm.com salesforce.com sap.com adobe.com autodesk.com intuit.com
dropbox.com box.com slack.com zoom.us atlassian.com notion.so figma.com canva.com trello.com asana.com miro.com
paypal.com stripe.com square.com squareup.com wise.com revolut.com venmo.com cash.app klarna.com adyen.com
chase.com bankofamerica.com wellsfargo.com citi.com capitalone.com usbank.com pnc.com schwab.com fidelity.com
vanguard.com americanexpress.com discover.com hsbc.com barclays.co.uk lloydsbank.com natwest.com santander.com
bnpparibas.com societegenerale.fr deutsche-bank.de commerzbank.de ing.com rabobank.nl ubs.com credit-suisse.com
nytimes.com washingtonpost.com wsj.com bloomberg.com reuters.com apnews.com bbc.co.uk bbc.com theguardian.com
cnn.com foxnews.com nbcnews.com cbsnews.com abcnews.go.com npr.org economist.com ft.com forbes.com
businessinsider.com techcrunch.com theverge.com wired.com arstechnica.com engadget.com cnet.com zdnet.com
lemonde.fr lefigaro.fr spiegel.de zeit.de faz.net elpais.com corriere.it repubblica.it nhk.or.jp asahi.com
ebay.com etsy.com walmart.com target.com bestbuy.com costco.com homedepot.com lowes.com ikea.com aliexpress.com
alibaba.com rakuten.co.jp mercadolibre.com shopify.com wayfair.com zalando.de otto.de asos.com zara.com hm.com
nike.com adidas.com uniqlo.com booking.com airbnb.com expedia.com tripadvisor.com kayak.com skyscanner.net
uber.com lyft.com doordash.com grubhub.com instacart.com deliveroo.co.uk just-eat.co.uk spotify.com
soundcloud.com deezer.com pandora.com hulu.com disneyplus.com hbomax.com max.com primevideo.com imdb.com
rottentomatoes.com steamcommunity.com steampowered.com epicgames.com ea.com playstation.com xbox.com nintendo.com
roblox.com minecraft.net blizzard.com riotgames.com ubisoft.com unity.com unrealengine.com
harvard.edu mit.edu stanford.edu berkeley.edu ox.ac.uk cam.ac.uk ethz.ch epfl.ch tum.de u-tokyo.ac.jp
coursera.org edx.org udemy.com khanacademy.org duolingo.com medium.com substack.com wordpress.com wordpress.org
blogger.com wix.com squarespace.com weebly.com godaddy.com namecheap.com cloudflare-dns.com letsencrypt.org
gov.uk usa.gov irs.gov nasa.gov nih.gov cdc.gov who.int un.org europa.eu bund.de service-public.fr
weather.com accuweather.com espn.com nba.com nfl.com fifa.com uefa.com olympics.com bet365.com
yelp.com zillow.com realtor.com indeed.com glassdoor.com craigslist.org fiverr.com upwork.com
samsung.com sony.com lg.com huawei.com xiaomi.com dell.com hp.com lenovo.com asus.com intel.com amd.com
nvidia.com qualcomm.com arm.com cisco.com vmware.com redhat.com ubuntu.com debian.org archlinux.org
telegram.org signal.org discord.com messenger.com skype.com viber.com line.me kakao.com naver.com daum.net
mail.ru ok.ru avito.ru ozon.ru wildberries.ru gosuslugi.ru sberbank.ru tinkoff.ru
flipkart.com paytm.com zomato.com swiggy.com hdfcbank.com icicibank.com sbi.co.in irctc.co.in
grab.com shopee.com lazada.com tokopedia.com gojek.com line.biz coupang.com gmarket.co.kr
archive.org openai.com anthropic.com huggingface.co kaggle.com arxiv.org nature.com sciencedirect.com
springer.com wiley.com jstor.org researchgate.net academia.edu scholar.google.com
mozilla.net opera.com brave.com vivaldi.com protonmail.com proton.me tutanota.com zoho.com fastmail.com
mailchimp.com hubspot.com zendesk.com intercom.com twilio.com sendgrid.com okta.com auth0.com
docker.com kubernetes.io hashicorp.com terraform.io grafana.com elastic.co mongodb.com postgresql.org mysql.com
redis.io sqlite.org jetbrains.com visualstudio.com code.visualstudio.com eclipse.org apache.org
theatlantic.com newyorker.com latimes.com chicagotribune.com usatoday.com politico.com axios.com vox.com vice.com buzzfeed.com
huffpost.com slate.com time.com newsweek.com nationalgeographic.com smithsonianmag.com scientificamerican.com
marriott.com hilton.com hyatt.com ihg.com accor.com delta.com united.com aa.com southwest.com jetblue.com ryanair.com
easyjet.com lufthansa.com airfrance.fr klm.com britishairways.com emirates.com qatarairways.com singaporeair.com
toyota.com ford.com gm.com bmw.de mercedes-benz.com volkswagen.de audi.de porsche.com tesla.com hyundai.com kia.com honda.com
volvocars.com renault.fr peugeot.fr fiat.it ferrari.com walgreens.com cvs.com kroger.com safeway.com aldi.de lidl.de
tesco.com sainsburys.co.uk asda.com waitrose.com carrefour.fr auchan.fr leclerc.fr mediamarkt.de saturn.de bol.com
allegro.pl olx.pl marktplaats.nl funda.nl idealista.com leboncoin.fr vinted.fr blablacar.fr sncf-connect.com bahn.de
trenitalia.com renfe.com ns.nl sbb.ch post.ch dhl.com fedex.com ups.com usps.com royalmail.com laposte.fr auspost.com.au
nzpost.co.nz japanpost.jp canadapost.ca mercari.com yahoo.co.jp goo.ne.jp nicovideo.jp pixiv.net kakaku.com
rakuten.com zozo.jp cookpad.com tabelog.com hotpepper.jp suumo.jp docomo.ne.jp softbank.jp au.com kddi.com
vodafone.com orange.fr t-mobile.com verizon.com att.com comcast.com xfinity.com spectrum.com bt.com sky.com virginmedia.com
telekom.de telefonica.com movistar.es vodafone.de o2.co.uk ee.co.uk three.co.uk swisscom.ch proximus.be kpn.com
mcdonalds.com starbucks.com burgerking.com subway.com dominos.com pizzahut.com kfc.com chipotle.com tacobell.com
cocacola.com pepsi.com nestle.com unilever.com pg.com loreal.com sephora.com ulta.com gap.com levi.com patagonia.com
underarmour.com puma.com reebok.com newbalance.com converse.com vans.com timberland.com northface.com columbia.com
lego.com hasbro.com mattel.com disney.com pixar.com marvel.com starwars.com warnerbros.com paramount.com universalpictures.com
sonymusic.com umusic.com warnermusic.com billboard.com rollingstone.com pitchfork.com genius.com bandcamp.com last.fm
goodreads.com audible.com kobo.com scribd.com wattpad.com archiveofourown.org fanfiction.net
mayoclinic.org clevelandclinic.org webmd.com healthline.com nhs.uk hopkinsmedicine.org mountsinai.org kp.org
redcross.org unicef.org wwf.org greenpeace.org amnesty.org hrw.org msf.org oxfam.org savethechildren.org gatesfoundation.org
princeton.edu yale.edu columbia.edu cornell.edu upenn.edu uchicago.edu caltech.edu ucla.edu umich.edu utexas.edu
uw.edu gatech.edu cmu.edu nyu.edu duke.edu northwestern.edu ucl.ac.uk imperial.ac.uk kcl.ac.uk ed.ac.uk manchester.ac.uk
sorbonne-universite.fr uni-heidelberg.de lmu.de kuleuven.be uva.nl tudelft.nl ku.dk uio.no helsinki.fi kth.se
utoronto.ca mcgill.ca ubc.ca unimelb.edu.au sydney.edu.au anu.edu.au nus.edu.sg tsinghua.edu.cn pku.edu.cn kyoto-u.ac.jp
snowflake.com databricks.com palantir.com servicenow.com workday.com splunk.com datadoghq.com newrelic.com pagerduty.com
sentry.io circleci.com travis-ci.com jenkins.io sonarsource.com snyk.io jfrog.com npmjs.org yarnpkg.com pnpm.io
deno.com bun.sh vitejs.dev webpack.js.org babeljs.io eslint.org prettier.io typescriptlang.org reactjs.org react.dev
vuejs.org angular.io svelte.dev nextjs.org nuxt.com remix.run astro.build tailwindcss.com getbootstrap.com jquery.com
wolframalpha.com desmos.com geogebra.org overleaf.com latex-project.org mathworks.com rstudio.com posit.co jupyter.org
anaconda.com scipy.org numpy.org pandas.pydata.org pytorch.org tensorflow.org keras.io scikit-learn.org
grammarly.com deepl.com translate.google.com dictionary.com merriam-webster.com thesaurus.com urbandictionary.com
imgur.com giphy.com flickr.com unsplash.com pexels.com shutterstock.com gettyimages.com deviantart.com behance.net dribbble.com
vimeo.com dailymotion.com rumble.com kick.com patreon.com ko-fi.com gofundme.com kickstarter.com indiegogo.com
eventbrite.com meetup.com ticketmaster.com stubhub.com livenation.com seatgeek.com fandango.com
chess.com lichess.org speedtest.net downdetector.com whatismyipaddress.com timeanddate.com wunderground.com
`.split(/\s+/).filter(Boolean);

/** Official sites of projects whose tokens are in @uniswap/default-token-list (only those known for sure). */
export const TOKEN_PROJECT_DOMAINS: string[] = `
1inch.io aave.com across.to aevo.xyz aioz.network alchemix.fi alchemypay.org aleph.im
myneighboralice.com altlayer.io amp.xyz ankr.com aragon.org apecoin.com api3.org arkhamintelligence.com arpanetwork.io
airswap.io automata.network aethir.com bounce.finance audius.co axelar.network axieinfinity.com aztec.network
badger.com balancer.fi bandprotocol.com lombard.finance basicattentiontoken.org brave.com beamable.network
biconomy.io bigtime.gg bio.xyz blur.io bluzelle.com bancor.network boba.network barnbridge.com usebraintrust.com
coin98.com pancakeswap.finance celo.org celer.network centrifuge.io chromia.com chiliz.com clover.finance
compound.finance methprotocol.xyz coti.io cow.fi clearpool.finance covalenthq.com cronos.org creditcoin.org
cartesi.io cryptex.finance somniumspace.com civic.com convexfinance.com makerdao.com minesofdalarnia.com dent.net
dextools.io dia.io district0x.io dolomite.io dydx.exchange dydx.trade eigenlayer.xyz elastos.org dogelonmars.com
ethena.fi enjin.io ens.domains ethernity.io eclipse.xyz espressosys.com ether.fi euler.finance harvest.finance
fetch.ai stafi.io floki.com runonflux.com forta.org ampleforth.org shapeshift.com frax.finance fantom.foundation
functionx.io galxe.com gala.games goldfinch.finance aavegotchi.com golem.network gnosis.io godsunchained.com
thegraph.com gitcoin.co gemini.com hashflow.com highstreet.market hoprnet.org idex.io illuvium.io immunefi.com
immutable.com index.coop injective.com inverse.finance infinex.xyz iotex.io geojam.com jasmy.co.jp jup.ag
kraken.com keep.network kerneldao.com selfkey.org kyber.network keep3r.network kryll.io kujira.app layer3.xyz
lagrange.dev lcx.com lido.fi linea.build chain.link litentry.com leagueofkingdoms.com loomx.io livepeer.org
liquity.org loopring.org blocklords.com lisk.com decentraland.org mask.io mathwallet.org polygon.technology
meritcircle.io moss.earth mdt.io memecoin.org metis.io mezo.org mirror.finance makerdao.com enzyme.finance mantle.xyz
mogcoin.xyz monavale.io morpho.org movementnetwork.xyz maple.finance metalpay.com multichain.org mstable.org
musedao.io mxc.org polyswarm.io nkn.org numer.ai nucypher.com oceanprotocol.com
originprotocol.com okx.com omg.network omni.network ondo.finance orca.so orionprotocol.io orchid.com paxos.com
playdapp.com pendle.finance pepe.vip perp.com piratenation.game plumenetwork.xyz polkastarter.com polymath.network
marlin.org powerledger.io propy.com succinct.xyz parsiq.net pstake.finance puffer.fi paypal.com quant.network
qredo.com quantstamp.com qu.ai quickswap.exchange radicle.xyz reflexer.finance superrare.com rarible.com rubic.exchange
ribbon.finance redstone.finance renproject.io augur.net request.network revv.com renzoprotocol.com iex.ec rally.io
rendernetwork.com rook.fi rocketpool.net reserve.org safe.global sandbox.game stader.xyz shibatoken.com shping.com
sign.global skale.space status.im synthetix.io sky.money spark.fi spx6900.com stargate.finance storj.io starknet.io
suku.world superfarm.com sushi.com swellnetwork.io swft.pro sxt.xyz sylo.io synapseprotocol.com syndicate.io
threshold.network telco.in term.finance theoriq.ai chronotech.network alienworlds.io tokemak.xyz tokenfi.com
origintrail.io tellor.io treehouse.finance tribe.fi truefi.io virtua.com uma.xyz unifiprotocol.com
uniswap.org usual.money vanarchain.com virtuals.io wanchain.org whitebit.com walletconnect.network worldlibertyfinancial.com
woo.org roninchain.com anoma.net tether.to xsgd.io xyo.network yieldbasis.com yearn.fi yfii.finance yieldguild.io
zama.ai zetachain.com boundless.network zkpass.org layerzero.network 0xprotocol.org cyber.co optimism.io velodrome.finance
worldcoin.org bonkcoin.com dogecoin.com hyperliquid.xyz bittensor.com xrpl.org z.cash voxies.io zksync.io
coinbase.com circle.com arbitrum.io chainlink.com
`.split(/\s+/).filter(Boolean);
